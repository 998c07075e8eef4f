package io.step3vl.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every stage shares, added with {@code @Mixin CommonOptions common;}. The host applies
 * {@code --config} (flag &gt; {@code STEP3VL_<OPTION>} environment variable &gt; config file &gt;
 * default) and {@code --dry-run} generically, before the stage's {@code call()} runs; the stage reads
 * the values through {@link #context()}.
 */
public final class CommonOptions {
    /** Long names of the shared options, as used in config files and {@code STEP3VL_*} variables. */
    public static final List<String> NAMES =
            List.of("config", "out", "seed", "device", "verbose", "quiet", "json", "dry-run");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file of option values: flat keys are option names without "
                    + "dashes (e.g. max-tokens: 64). Flags and STEP3VL_* variables override it.")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the stage's own).")
    private Long seed;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            converter = DeviceConverter.class, completionCandidates = DeviceCandidates.class,
            description = "Where tensors live: cpu, gpu or auto (a GPU when usable). Default: ${DEFAULT-VALUE}.")
    private DeviceChoice device;

    @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces on errors.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and results; no progress.")
    private boolean quiet;

    @Option(names = "--json", description = "Machine-readable results on stdout.")
    private boolean json;

    @Option(names = "--dry-run", description = "Print the effective option values and exit.")
    private boolean dryRun;

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public Optional<Path> out() {
        return Optional.ofNullable(out);
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    public DeviceChoice device() {
        return device == null ? DeviceChoice.AUTO : device;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean json() {
        return json;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Everything a stage needs from the host, built from the parsed options and the command's
     * output streams. Call it in {@code call()}, after parsing.
     */
    public StageContext context() {
        if (mixee == null) {
            throw new IllegalStateException("CommonOptions must be used as a picocli @Mixin");
        }
        return new StageContext(this, mixee);
    }

    /** picocli converter giving a one-line message for a bad {@code --device}. */
    static final class DeviceConverter implements ITypeConverter<DeviceChoice> {
        @Override
        public DeviceChoice convert(String value) {
            for (DeviceChoice choice : DeviceChoice.values()) {
                if (choice.toString().equalsIgnoreCase(value.trim())) {
                    return choice;
                }
            }
            throw new TypeConversionException("expected cpu, gpu or auto, got '" + value + "'");
        }
    }

    /** Completion candidates for {@code --device}, in the spelling users type. */
    static final class DeviceCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("cpu", "gpu", "auto").iterator();
        }
    }
}
