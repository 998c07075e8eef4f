package io.step3vl.cli;

import io.step3vl.cli.config.ConfigDefaultProvider;
import io.step3vl.common.ExitCode;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * What happens between parsing and a command's {@code call()}, the same for every command: config
 * keys are validated, {@code -v}/{@code -q} and the terminal choose the progress mode, and
 * {@code --dry-run} prints the effective options instead of running.
 */
final class HostExecutionStrategy implements IExecutionStrategy {
    private final ConfigDefaultProvider provider;
    private final PrintStream progressStream;
    private final boolean interactive;

    HostExecutionStrategy(ConfigDefaultProvider provider, PrintStream progressStream, boolean interactive) {
        this.provider = provider;
        this.progressStream = progressStream;
        this.interactive = interactive;
    }

    @Override
    public int execute(ParseResult parseResult) {
        Integer helpExit = CommandLine.executeHelpRequest(parseResult);
        if (helpExit != null) {
            return helpExit;
        }
        List<CommandLine> chain = parseResult.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        try {
            provider.validate(parseResult);
            boolean quiet = anyFlag(chain, "--quiet");
            if (quiet && anyFlag(chain, "--verbose")) {
                throw new UserError("-v/--verbose and -q/--quiet cannot be combined; pick one");
            }
            Progress.configure(quiet ? Progress.Mode.QUIET : interactive ? Progress.Mode.BAR : Progress.Mode.LINES,
                    progressStream);
        } catch (UserError e) {
            throw new ExecutionException(leaf, e.getMessage(), e);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            CommandSpec spec = chain.get(i).getCommandSpec();
            if (flag(spec, "--dry-run")) {
                DryRun.print(spec, flag(spec, "--json"), chain.get(i).getOut());
                return ExitCode.OK;
            }
        }
        return new RunLast().execute(parseResult);
    }

    private static boolean anyFlag(List<CommandLine> chain, String name) {
        return chain.stream().anyMatch(c -> flag(c.getCommandSpec(), name));
    }

    private static boolean flag(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        return option != null && Boolean.TRUE.equals(option.getValue());
    }
}
