package io.step3vl.cli.config;

import io.step3vl.cli.errors.Suggestions;
import io.step3vl.common.UserError;
import io.step3vl.plugin.EffectiveOptions;
import io.step3vl.plugin.PluginApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Supplies the value of every option not given as a flag: first {@code STEP3VL_<OPTION>} from the
 * environment ({@code --max-tokens} &rarr; {@code STEP3VL_MAX_TOKENS}), then the key of the same name
 * in the command's {@code --config} file (or {@code $STEP3VL_CONFIG}); null lets the option's own
 * default apply. Remembers where each value came from so a bad value can be blamed on its source.
 *
 * <p>picocli applies defaults after reading a command's flags, so the {@code --config} flag of the
 * same command is already known when the other options are defaulted.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {
    private final Map<String, String> env;
    private final Set<String> hostOnlyKeys;
    private final Map<Path, ConfigFile> files = new HashMap<>();
    private final Map<ArgSpec, String> sources = new IdentityHashMap<>();

    /**
     * @param env the environment to read {@code STEP3VL_*} from
     * @param hostOnlyKeys option keys settable only by flag (e.g. {@code plugins-dir}, which is read
     *     before the command tree exists)
     */
    public ConfigDefaultProvider(Map<String, String> env, Set<String> hostOnlyKeys) {
        this.env = Map.copyOf(env);
        this.hostOnlyKeys = Set.copyOf(hostOnlyKeys);
    }

    /** {@code max-tokens} &rarr; {@code STEP3VL_MAX_TOKENS}. */
    public static String envName(String key) {
        return PluginApi.OPTION_ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !EffectiveOptions.isConfigurable(option)) {
            return null;
        }
        String key = EffectiveOptions.key(option);
        if (hostOnlyKeys.contains(key)) {
            return null;
        }
        String variable = envName(key);
        String fromEnv = env.get(variable);
        if (fromEnv != null) {
            sources.put(arg, "environment variable " + variable);
            return fromEnv;
        }
        if (key.equals("config")) {
            return null;
        }
        ConfigFile file = configFor(option.command());
        String fromFile = file == null ? null : file.valueFor(option, key);
        if (fromFile != null) {
            sources.put(arg, file.path() + ": " + key);
        }
        return fromFile;
    }

    /**
     * Where the value of {@code arg} came from when it was not a flag: {@code "environment variable
     * STEP3VL_X"} or {@code "file.yaml: key"}; empty when it was a flag or a built-in default.
     */
    public Optional<String> sourceOf(ArgSpec arg) {
        // Only unmatched options are defaulted, so an option given as a flag has no entry here.
        return Optional.ofNullable(arg == null ? null : sources.get(arg));
    }

    /**
     * Checks every config file used by the parsed commands for keys that are not options of the
     * command, and reports all of them in one {@link UserError}.
     */
    public void validate(ParseResult parseResult) {
        for (CommandLine commandLine : parseResult.asCommandLineList()) {
            CommandSpec spec = commandLine.getCommandSpec();
            ConfigFile file = configFor(spec);
            if (file == null) {
                continue;
            }
            Set<String> accepted = new TreeSet<>();
            for (OptionSpec option : spec.options()) {
                String key = EffectiveOptions.key(option);
                if (EffectiveOptions.isConfigurable(option) && !key.equals("config") && !hostOnlyKeys.contains(key)) {
                    accepted.add(key);
                }
            }
            List<String> unknown = new ArrayList<>();
            for (String key : file.keys()) {
                if (!accepted.contains(key)) {
                    unknown.add("'" + key + "'" + Suggestions.closest(key, accepted)
                            .map(s -> " (did you mean '" + s + "'?)").orElse(""));
                }
            }
            if (!unknown.isEmpty()) {
                throw UserError.at(file.path(), (unknown.size() == 1 ? "unknown key " : "unknown keys ")
                        + String.join(", ", unknown) + "; '" + spec.qualifiedName(" ") + "' accepts: "
                        + String.join(", ", accepted));
            }
        }
    }

    private ConfigFile configFor(CommandSpec spec) {
        OptionSpec configOption = spec == null ? null : spec.findOption("--config");
        if (configOption == null) {
            return null;
        }
        List<String> given = configOption.originalStringValues();
        String path = given.isEmpty() ? env.get(envName("config")) : given.get(given.size() - 1);
        if (path == null || path.isBlank()) {
            return null;
        }
        Path file = Path.of(path);
        return files.computeIfAbsent(file, ConfigFile::read);
    }
}
