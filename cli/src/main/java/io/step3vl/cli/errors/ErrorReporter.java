package io.step3vl.cli.errors;

import io.step3vl.cli.config.ConfigDefaultProvider;
import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into the tool's one-line errors and exit codes:
 * <pre>
 * step3vl: unknown command 'infr'; did you mean 'infer'? See 'step3vl --help'.
 * step3vl infer: cfg.yaml: unknown key 'foo'; 'step3vl infer' accepts: ...
 * step3vl infer: failed: IOException: disk full (run with -v for the stack trace)
 * </pre>
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final ConfigDefaultProvider provider;

    public ErrorReporter(ConfigDefaultProvider provider) {
        this.provider = provider;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String path = commandLine.getCommandSpec().qualifiedName(" ");
        PrintWriter err = commandLine.getErr();
        Optional<UserError> userError = find(ex, UserError.class);
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        if (userError.isPresent()) {
            print(err, path + ": " + userError.get().getMessage());
        } else {
            String message = describe(ex);
            String stop = message.endsWith(".") || message.endsWith("?") ? "" : ".";
            print(err, path + ": " + message + stop + " See '" + path + " --help'.");
        }
        if (verbose && ex.getCause() != null) {
            ex.getCause().printStackTrace(err);
            err.flush();
        }
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        String path = commandLine.getCommandSpec().qualifiedName(" ");
        PrintWriter err = commandLine.getErr();
        boolean verbose = isVerbose(parseResult);
        Optional<UserError> userError = find(ex, UserError.class);
        if (userError.isPresent()) {
            print(err, path + ": " + oneLine(userError.get().getMessage()));
        } else {
            print(err, path + ": failed: " + summary(ex) + (verbose ? "" : " (run with -v for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
            err.flush();
        }
        return userError.isPresent() ? ExitCode.USAGE : ExitCode.FAILURE;
    }

    /** Whether any command on the parsed path has {@code -v} set (by flag, variable or config). */
    public static boolean isVerbose(ParseResult parseResult) {
        for (CommandLine commandLine : parseResult.asCommandLineList()) {
            OptionSpec verbose = commandLine.getCommandSpec().findOption("--verbose");
            if (verbose != null && Boolean.TRUE.equals(verbose.getValue())) {
                return true;
            }
        }
        return false;
    }

    private String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return describeUnmatched(unmatched);
        }
        String message = oneLine(ex.getMessage());
        Optional<String> source = provider.sourceOf(ex.getArgSpec());
        return source.map(s -> s + ": " + message).orElse(message);
    }

    private static String describeUnmatched(UnmatchedArgumentException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String typed = ex.getUnmatched().get(0);
        if (typed.startsWith("-") && typed.length() > 1) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            List<String> names = new ArrayList<>();
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    names.addAll(Arrays.asList(option.names()));
                }
            }
            return "unknown option '" + name + "'" + suggestion(name, names);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            List<String> names = new ArrayList<>();
            spec.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    names.add(name);
                }
            });
            return "unknown command '" + typed + "'" + suggestion(typed, names);
        }
        return "unexpected argument '" + typed + "'";
    }

    private static String suggestion(String typed, List<String> names) {
        return Suggestions.closest(typed, names).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static String summary(Throwable ex) {
        String message = ex.getMessage();
        String type = ex.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + oneLine(message);
    }

    private static <T extends Throwable> Optional<T> find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String oneLine(String message) {
        return message == null ? "" : String.join(" ", message.strip().split("\\s*\\R\\s*"));
    }

    private static void print(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
