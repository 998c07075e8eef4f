package io.step3vl.cli;

import io.step3vl.cli.commands.CompletionCommand;
import io.step3vl.cli.commands.DoctorCommand;
import io.step3vl.cli.commands.PluginsCommand;
import io.step3vl.cli.config.ConfigDefaultProvider;
import io.step3vl.cli.doctor.Doctor;
import io.step3vl.cli.errors.ErrorReporter;
import io.step3vl.cli.help.GroupedCommandList;
import io.step3vl.cli.plugins.PluginCommand;
import io.step3vl.cli.plugins.PluginHost;
import io.step3vl.cli.plugins.PluginLocations;
import io.step3vl.plugin.PluginApi;
import io.step3vl.plugin.StageCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code step3vl} host: builds the command tree (built-ins plus every plugin's command) for one
 * invocation and runs it. Everything it reads from outside (distribution home, environment, streams,
 * terminal) comes from the {@link Builder}, so tests run it in-process with an isolated world.
 *
 * <pre>{@code
 * int code = Step3vl.builder().pluginLocations(List.of(dir)).out(out).err(err).build().execute("hello");
 * }</pre>
 */
public final class Step3vl {
    /** Names of the host's own commands; a plugin cannot take them. */
    public static final Set<String> BUILT_IN_COMMANDS = Set.of("plugins", "completion", "doctor", "help");

    private final Path home;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final List<StageCommand> extraCommands;

    private Step3vl(Builder b) {
        this.home = b.home;
        this.env = Map.copyOf(b.env);
        this.out = b.out;
        this.err = b.err;
        this.interactive = b.interactive;
        this.extraCommands = List.copyOf(b.extraCommands);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs one command line; returns the exit code (never calls System.exit). */
    public int execute(String... args) {
        PluginLocations locations = locations(RootCommand.pluginDirsIn(args));
        PrintWriter stdout = writer(out);
        PrintWriter stderr = writer(err);
        // Plugin jars load on a second thread while picocli initialises here: the two largest
        // start-up costs, independent of each other until the plugin commands are added.
        CompletableFuture<PluginHost> loading = CompletableFuture.supplyAsync(
                () -> PluginHost.load(locations.jars(), BUILT_IN_COMMANDS), Step3vl::startLoaderThread);
        CommandLine root;
        try {
            root = new CommandLine(new RootCommand());
        } catch (RuntimeException | Error e) {
            loading.thenAccept(PluginHost::close);
            throw e;
        }
        try (PluginHost plugins = join(loading)) {
            List<String> commandProblems = new ArrayList<>();
            addCommands(root, plugins, locations, stdout, stderr, commandProblems, Demand.of(args));
            List<String> problems = new ArrayList<>(plugins.problems());
            problems.addAll(commandProblems);
            for (String problem : problems) {
                stderr.println("step3vl: warning: " + problem);
            }
            stderr.flush();
            return root.execute(args);
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    /** The completion script ("bash" or "zsh") for the commands this host would offer. */
    public String completionScript(String shell) {
        PluginLocations locations = locations(List.of());
        try (PluginHost plugins = PluginHost.load(locations.jars(), BUILT_IN_COMMANDS)) {
            CommandLine root = new CommandLine(new RootCommand());
            addCommands(root, plugins, locations, writer(out), writer(err), new ArrayList<>(), Demand.ALL);
            return CompletionCommand.script(root, shell);
        }
    }

    private PluginLocations locations(List<Path> pluginDirs) {
        return PluginLocations.of(home == null ? null : home.resolve("plugins"), env.get(PluginApi.PLUGINS_ENV),
                pluginDirs);
    }

    private static void startLoaderThread(Runnable task) {
        Thread thread = new Thread(task, "step3vl-plugin-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private static PluginHost join(CompletableFuture<PluginHost> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Adds the built-ins and the plugins' commands to {@code root} and applies the host's settings. */
    private void addCommands(CommandLine root, PluginHost plugins, PluginLocations locations, PrintWriter stdout,
                             PrintWriter stderr, List<String> problems, Demand demand) {
        Map<String, String> groups = new HashMap<>();
        root.addSubcommand(new PluginsCommand(plugins, locations));
        root.addSubcommand(new CompletionCommand());
        root.addSubcommand(new DoctorCommand(new Doctor(plugins, locations, env, problems)));
        root.addSubcommand("help", new HelpCommand());
        for (PluginCommand command : plugins.commands()) {
            add(root, command.command(), demand, groups, problems,
                    "plugin '" + command.pluginId() + "' (" + command.source() + ")");
        }
        for (StageCommand command : extraCommands) {
            add(root, command, demand, groups, problems, "command class " + command.getClass().getName());
        }
        ensureHelpOption(root);
        ConfigDefaultProvider provider = new ConfigDefaultProvider(env, Set.of("plugins-dir"));
        ErrorReporter errors = new ErrorReporter(provider);
        root.setDefaultValueProvider(provider)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExecutionStrategy(new HostExecutionStrategy(provider, err, interactive))
                .setCaseInsensitiveEnumValuesAllowed(true)
                // A flag sets true even when the config file or environment already made it true
                // (picocli's default would flip that default back to false). Defaults are applied
                // after flags, so "toggle" here means: from the field's initial value, i.e. to true.
                .setToggleBooleanFlags(true)
                .setOut(stdout)
                .setErr(stderr);
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new GroupedCommandList(groups));
    }

    /**
     * Adds one stage: fully modelled when this invocation may run it, else as a name-and-summary
     * placeholder that is enough for the help listing and "did you mean". A command picocli rejects
     * (bad annotations, clashing options) becomes a problem line.
     */
    private static void add(CommandLine root, StageCommand command, Demand demand, Map<String, String> groups,
                            List<String> problems, String who) {
        Command annotation = command.getClass().getAnnotation(Command.class);
        String name = annotation == null ? "" : annotation.name();
        if (name.isBlank() || root.getSubcommands().containsKey(name)) {
            problems.add(who + ": command name '" + name + "' is " + (name.isBlank() ? "missing" : "already taken")
                    + "; not added");
            return;
        }
        try {
            if (demand.needs(name, annotation.aliases())) {
                root.addSubcommand(name, new CommandLine(command));
            } else {
                CommandSpec placeholder = CommandSpec.wrapWithoutInspection(command).name(name);
                placeholder.usageMessage().header(annotation.header()).description(annotation.description())
                        .hidden(annotation.hidden());
                root.addSubcommand(name, new CommandLine(placeholder));
            }
            groups.put(name, command.group());
        } catch (CommandLine.PicocliException | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add(who + ": command '" + name + "' is malformed (" + message.lines().findFirst().orElse("")
                    + "); not added");
        }
    }

    /**
     * Gives every command in the tree a {@code -h/--help} option unless it has one (a plugin may or may
     * not use mixinStandardHelpOptions); a name the command already uses for something else is skipped.
     */
    private static void ensureHelpOption(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            List<String> names = new ArrayList<>();
            for (String name : List.of("-h", "--help")) {
                if (spec.findOption(name) == null) {
                    names.add(name);
                }
            }
            if (!names.isEmpty()) {
                spec.addOption(OptionSpec.builder(names.toArray(String[]::new)).usageHelp(true).type(boolean.class).initialValue(false)
                        .description("Show this help message and exit.").build());
            }
        }
        commandLine.getSubcommands().values().stream().distinct().forEach(Step3vl::ensureHelpOption);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
    }

    /**
     * Which plugin commands an invocation needs fully modelled (picocli reflection over every option
     * costs start-up time): the command named on the command line (or after {@code help}), or all of
     * them for {@code completion}, {@code doctor} and {@code plugins}, which inspect every command.
     */
    record Demand(boolean all, String word, String helpTarget) {
        static final Demand ALL = new Demand(true, null, null);
        private static final Set<String> INSPECT_ALL = Set.of("completion", "doctor", "plugins");

        static Demand of(String[] args) {
            List<String> words = RootCommand.commandWords(args);
            if (words.isEmpty()) {
                return new Demand(false, null, null);
            }
            String word = words.get(0);
            return new Demand(INSPECT_ALL.contains(word), word, word.equals("help") && words.size() > 1
                    ? words.get(1) : null);
        }

        boolean needs(String name, String[] aliases) {
            if (all) {
                return true;
            }
            for (String candidate : concat(name, aliases)) {
                if (candidate.equals(word) || candidate.equals(helpTarget)) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> concat(String name, String[] aliases) {
            List<String> names = new ArrayList<>(List.of(aliases));
            names.add(name);
            return names;
        }
    }

    /** Where a host reads its world from; defaults are the real process's. */
    public static final class Builder {
        private Path home = homeFromSystemProperty();
        private Map<String, String> env = System.getenv();
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        private final List<StageCommand> extraCommands = new ArrayList<>();

        private Builder() {}

        /** The distribution folder (its plugins/ are loaded); null for none. Default: -Dstep3vl.home. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** The environment ({@code STEP3VL_*}, {@code STEP3VL_PLUGINS}). Default: the process's. */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public Builder err(PrintStream err) {
            this.err = err;
            return this;
        }

        /** Whether stderr is a terminal (progress bars) rather than a log or pipe (plain lines). */
        public Builder interactive(boolean interactive) {
            this.interactive = interactive;
            return this;
        }

        /**
         * Adds a stage directly, without a plugin jar: how a plugin's own tests run it under the real
         * host conventions ({@code --config}, {@code --dry-run}, errors, exit codes).
         */
        public Builder command(StageCommand command) {
            extraCommands.add(command);
            return this;
        }

        public Step3vl build() {
            return new Step3vl(this);
        }

        private static Path homeFromSystemProperty() {
            String value = System.getProperty(PluginApi.HOME_PROPERTY);
            return value == null || value.isBlank() ? null : Path.of(value);
        }
    }
}
