package io.step3vl.plugin;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the host hands a stage once its options are parsed: the shared option values, the output
 * streams, a small logger that honours {@code -v}/{@code -q}, and the effective config. It holds no
 * picocli types in its API, so a stage can pass it (or pieces of it) to library code.
 *
 * <p>Conventions: results go to {@link #stdout()} (JSON when {@link #json()}); messages go to
 * {@link #stderr()} through {@link #info}, {@link #debug} and {@link #warn}.
 */
public final class StageContext {
    private final CommonOptions options;
    private final String commandPath;
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final Map<String, Object> effectiveOptions;

    StageContext(CommonOptions options, CommandSpec spec) {
        this.options = options;
        this.commandPath = spec.qualifiedName(" ");
        this.stdout = spec.commandLine().getOut();
        this.stderr = spec.commandLine().getErr();
        this.effectiveOptions = Collections.unmodifiableMap(EffectiveOptions.of(spec));
    }

    /** The command as typed, e.g. {@code "step3vl model init"}. */
    public String commandPath() {
        return commandPath;
    }

    /** {@code --out}, when given. */
    public Optional<Path> out() {
        return options.out();
    }

    /** {@code --out}, or {@code fallback} when it was not given. */
    public Path outOr(Path fallback) {
        return options.out().orElse(fallback);
    }

    /** {@code --seed}, when given. */
    public OptionalLong seed() {
        return options.seed();
    }

    /** {@code --seed}, or the stage's own default. */
    public long seedOr(long fallback) {
        return options.seed().orElse(fallback);
    }

    public DeviceChoice device() {
        return options.device();
    }

    public boolean verbose() {
        return options.verbose();
    }

    public boolean quiet() {
        return options.quiet();
    }

    /** Whether results should be printed as JSON on stdout. */
    public boolean json() {
        return options.json();
    }

    /** The tool's version, e.g. {@code 0.1.0} (recorded in provenance files). */
    public String toolVersion() {
        return PluginApi.TOOL_VERSION;
    }

    /**
     * The distribution's home directory (holding bin/, lib/, plugins/) when run from one; empty when
     * embedded (tests, IDE).
     */
    public Optional<Path> home() {
        String home = System.getProperty(PluginApi.HOME_PROPERTY);
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    /** Where results go. */
    public PrintWriter stdout() {
        return stdout;
    }

    /** Where messages go (never results). */
    public PrintWriter stderr() {
        return stderr;
    }

    /** A progress/status message on stderr; suppressed by {@code -q}. */
    public void info(String message) {
        if (!options.quiet()) {
            println(stderr, message);
        }
    }

    /** Detail shown only with {@code -v}. */
    public void debug(String message) {
        if (options.verbose()) {
            println(stderr, message);
        }
    }

    /** A warning: always shown, prefixed with the command path. */
    public void warn(String message) {
        println(stderr, commandPath + ": warning: " + message);
    }

    /** Prints {@code value} as pretty JSON on stdout (for {@code --json}). */
    public void printJson(Object value) {
        println(stdout, Json.pretty(value));
    }

    /**
     * The effective option values keyed like a config file, in declaration order, unset ones
     * included as {@code null}. Save it with {@link #writeEffectiveConfig(Path)}.
     */
    public Map<String, Object> effectiveOptions() {
        return effectiveOptions;
    }

    /**
     * Atomically writes the effective options to {@code file} (YAML for .yaml/.yml, else JSON),
     * so {@code --config file} reproduces the run.
     */
    public void writeEffectiveConfig(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            String text = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? Json.YAML.writeValueAsString(effectiveOptions)
                    : Json.pretty(effectiveOptions) + "\n";
            AtomicFiles.writeString(file, text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError(file + ": cannot write effective config: " + e.getOriginalMessage(), e);
        }
    }

    private static void println(PrintWriter writer, String line) {
        writer.println(line);
        writer.flush();
    }
}
