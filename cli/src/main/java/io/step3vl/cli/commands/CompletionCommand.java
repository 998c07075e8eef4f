package io.step3vl.cli.commands;

import io.step3vl.cli.completion.BashCompletion;
import io.step3vl.cli.completion.ZshCompletion;
import io.step3vl.common.ExitCode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code step3vl completion bash|zsh}: the completion script for the commands installed now. */
@Command(name = "completion",
        description = {"Print a bash or zsh completion script.",
            "The script covers the built-in commands and the plugins installed now."},
        footer = {"%nExamples:",
            "  source <(step3vl completion bash)",
            "  step3vl completion bash > ~/.local/share/bash-completion/completions/step3vl",
            "  step3vl completion zsh > ~/.zfunc/_step3vl   # fpath+=~/.zfunc before compinit"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = Shells.class,
            description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!List.of("bash", "zsh").contains(shell)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown shell '" + shell + "'; expected bash or zsh");
        }
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(script(root, shell));
        out.flush();
        return ExitCode.OK;
    }

    /** The script for {@code shell} ("bash" or "zsh"). */
    public static String script(CommandLine root, String shell) {
        return switch (shell) {
            case "bash" -> BashCompletion.script(root);
            case "zsh" -> ZshCompletion.script(root);
            default -> throw new IllegalArgumentException("unknown shell '" + shell + "'; expected bash or zsh");
        };
    }

    /** Completion candidates for SHELL. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }
}
