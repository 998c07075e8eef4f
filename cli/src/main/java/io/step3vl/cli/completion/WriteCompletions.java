package io.step3vl.cli.completion;

import io.step3vl.cli.Step3vl;
import io.step3vl.common.AtomicFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step: writes {@code step3vl.bash} and {@code _step3vl} for the host plus the plugins of a
 * distribution into a folder. Run by dist's pom: {@code WriteCompletions <distribution dir> <out dir>}.
 */
public final class WriteCompletions {
    private WriteCompletions() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: WriteCompletions <distribution dir> <out dir>");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        // An empty environment: the scripts must not depend on the builder's STEP3VL_* variables.
        Step3vl host = Step3vl.builder().home(home).env(Map.of()).build();
        AtomicFiles.writeString(outDir.resolve("step3vl.bash"), host.completionScript("bash"));
        AtomicFiles.writeString(outDir.resolve("_step3vl"), host.completionScript("zsh"));
    }
}
