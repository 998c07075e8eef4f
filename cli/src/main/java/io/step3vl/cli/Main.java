package io.step3vl.cli;

/** The launcher's main class: {@code bin/step3vl} runs {@code java ... io.step3vl.cli.Main "$@"}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = Step3vl.builder().build().execute(args);
        System.exit(code);
    }
}
