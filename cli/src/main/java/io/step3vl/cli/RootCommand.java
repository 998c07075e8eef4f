package io.step3vl.cli;

import io.step3vl.common.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root {@code step3vl} command; its subcommands are the built-ins and the plugins' stages. */
@Command(name = "step3vl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"STEP3-VL-10B end to end: the model on DJL, its training pipeline, PaCoRe "
                + "test-time scaling. Each command below is a plugin or built in.", ""},
        footer = {"%nEvery stage takes --config FILE, --out DIR, --seed N, --device cpu|gpu|auto, -v, -q, "
                + "--json and --dry-run. Values: flag > STEP3VL_<OPTION> variable > config file > default.",
            "Exit codes: 0 ok, 1 runtime failure, 2 usage or input error.",
            "%nExamples:",
            "  step3vl doctor                      # is this installation able to run?",
            "  step3vl plugins                     # what is installed",
            "  step3vl help COMMAND                # help for one command",
            "  source <(step3vl completion bash)   # tab completion in this shell"})
final class RootCommand implements Callable<Integer> {
    /** The root's own option that is read before the command tree is built. */
    static final String PLUGINS_DIR = "--plugins-dir";

    @Spec
    CommandSpec spec;

    @Option(names = PLUGINS_DIR, paramLabel = "DIR",
            description = "Also load plugins from DIR (a folder of jars, or one jar). Repeatable; "
                    + "give it before the command. See also $STEP3VL_PLUGINS.")
    List<Path> pluginDirs = new ArrayList<>();

    /** No command given: show the help on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE;
    }

    /**
     * The {@code --plugins-dir} values among the root's options (those before the first command word),
     * read ahead of parsing because they decide which commands exist.
     */
    static List<Path> pluginDirsIn(String[] args) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(PLUGINS_DIR) && i + 1 < args.length) {
                dirs.add(Path.of(args[++i]));
            } else if (arg.startsWith(PLUGINS_DIR + "=")) {
                dirs.add(Path.of(arg.substring(PLUGINS_DIR.length() + 1)));
            } else if (arg.equals("--") || !arg.startsWith("-")) {
                break; // the command word: what follows belongs to it
            }
        }
        return dirs;
    }

    /** The command word and the word after it (e.g. {@code help infer}), skipping the root's options. */
    static List<String> commandWords(String[] args) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            String arg = args[i];
            if (words.isEmpty() && arg.equals(PLUGINS_DIR)) {
                i++;
            } else if (!arg.startsWith("-")) {
                words.add(arg);
            } else if (words.size() == 1) {
                break; // an option of the command: no second word
            }
        }
        return words;
    }
}
