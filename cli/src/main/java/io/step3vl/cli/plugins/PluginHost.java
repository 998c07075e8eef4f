package io.step3vl.cli.plugins;

import io.step3vl.plugin.PluginApi;
import io.step3vl.plugin.StageCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.PluginDependency;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;

/**
 * Loads plugin jars and collects their commands. Never throws for a bad plugin: each failure becomes
 * a {@link PluginInfo} with state FAILED or DISABLED and a one-line {@link #problems() problem}, and
 * every other plugin still loads.
 */
public final class PluginHost implements AutoCloseable {
    private final HostPluginManager manager;
    private final List<PluginInfo> plugins;
    private final List<PluginCommand> commands;

    private PluginHost(HostPluginManager manager, List<PluginInfo> plugins, List<PluginCommand> commands) {
        this.manager = manager;
        this.plugins = List.copyOf(plugins);
        this.commands = List.copyOf(commands);
    }

    /** A host with no plugins (embedding, tests). */
    public static PluginHost empty() {
        return load(List.of(), Set.of());
    }

    /**
     * Loads {@code jars} in order. A command name in {@code reservedNames} (the host's built-ins) or
     * one already claimed by an earlier plugin is refused with a problem line.
     */
    public static PluginHost load(List<Path> jars, Set<String> reservedNames) {
        HostPluginManager manager = new HostPluginManager(PluginApi.API_VERSION);
        Map<Path, PluginInfo> infos = new LinkedHashMap<>();
        Map<Path, PluginJar> read = new LinkedHashMap<>();
        Map<Path, PluginWrapper> loaded = new LinkedHashMap<>();
        Map<String, Path> idToJar = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                PluginJar pluginJar = PluginJar.read(jar);
                read.put(jar, pluginJar);
                Path other = idToJar.get(pluginJar.id());
                if (other != null) {
                    infos.put(jar, info(pluginJar, "FAILED", "plugin id '" + pluginJar.id()
                            + "' is already loaded from " + other + "; not loaded"));
                    continue;
                }
                infos.put(jar, info(pluginJar, "CREATED", null));
                loaded.put(jar, manager.load(jar));
                idToJar.put(pluginJar.id(), jar);
            } catch (PluginJar.BadPluginJar e) {
                infos.put(jar, new PluginInfo(null, null, "FAILED", null, null, null, List.of(), jar, e.getMessage()));
            } catch (RuntimeException | LinkageError e) {
                infos.put(jar, infos.get(jar).failed("FAILED", oneLine(e)));
            }
        }
        manager.resolve();
        manager.startPlugins();

        List<PluginCommand> commands = new ArrayList<>();
        Map<String, PluginCommand> byName = new LinkedHashMap<>();
        for (Map.Entry<Path, PluginWrapper> entry : loaded.entrySet()) {
            Path jar = entry.getKey();
            PluginWrapper wrapper = entry.getValue();
            PluginInfo info = infos.get(jar);
            if (manager.getPlugin(wrapper.getPluginId()) != wrapper) {
                infos.put(jar, info.failed("FAILED", "needs plugin(s) " + dependencies(wrapper)
                        + " that are missing or of the wrong version"));
                continue;
            }
            PluginState state = wrapper.getPluginState();
            if (state == PluginState.DISABLED && !manager.requirementMet(wrapper)) {
                infos.put(jar, info.failed("DISABLED", "requires step3vl " + wrapper.getDescriptor().getRequires()
                        + " but this is " + PluginApi.API_VERSION));
                continue;
            }
            if (state != PluginState.STARTED) {
                Throwable why = wrapper.getFailedException();
                infos.put(jar, info.failed(state.toString(), why == null ? "not started" : "failed to start: " + oneLine(why)));
                continue;
            }
            info = new PluginInfo(info.id(), info.version(), "STARTED", info.provider(), info.description(),
                    info.requires(), List.of(), jar, null);
            List<String> names = new ArrayList<>();
            for (String className : read.get(jar).extensionClasses()) {
                try {
                    PluginCommand command = instantiate(manager, wrapper, className, jar);
                    if (command == null) {
                        continue;
                    }
                    PluginCommand earlier = byName.get(command.name());
                    if (reservedNames.contains(command.name())) {
                        info = info.failed("FAILED", "command '" + command.name() + "' is built into step3vl; not added");
                    } else if (earlier != null) {
                        info = info.failed("FAILED", "command '" + command.name() + "' is already provided by plugin '"
                                + earlier.pluginId() + "' (" + earlier.source() + "); not added");
                    } else {
                        byName.put(command.name(), command);
                        commands.add(command);
                        names.add(command.name());
                    }
                } catch (ExtensionProblem e) {
                    info = info.failed("FAILED", e.getMessage());
                }
            }
            infos.put(jar, info.withCommands(names));
        }
        return new PluginHost(manager, new ArrayList<>(infos.values()), commands);
    }

    /** Every plugin jar found, in load order. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** The commands contributed, in load order. */
    public List<PluginCommand> commands() {
        return commands;
    }

    /** One line per plugin with a problem: {@code plugin 'id' (path): what went wrong}. */
    public List<String> problems() {
        List<String> lines = new ArrayList<>();
        for (PluginInfo info : plugins) {
            if (info.problem() != null) {
                String who = info.id() == null ? "plugin jar " + info.source()
                        : "plugin '" + info.id() + "' (" + info.source() + ")";
                lines.add(who + ": " + info.problem());
            }
        }
        return lines;
    }

    /** Stops the plugins and closes their class loaders. */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private static PluginCommand instantiate(HostPluginManager manager, PluginWrapper wrapper, String className, Path jar) {
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExtensionProblem("extension class " + className + " listed in META-INF/extensions.idx "
                    + "cannot be loaded (" + oneLine(e) + ")");
        }
        if (!StageCommand.class.isAssignableFrom(type)) {
            return null; // an extension of some other extension point; not a command
        }
        Command annotation = type.getAnnotation(Command.class);
        if (annotation == null || annotation.name().isBlank() || annotation.name().startsWith("<")) {
            throw new ExtensionProblem("extension class " + className + " has no @Command(name = \"...\")");
        }
        Object instance;
        try {
            instance = manager.getExtensionFactory().create(type);
        } catch (RuntimeException | LinkageError e) {
            throw new ExtensionProblem("extension class " + className + " cannot be created (" + oneLine(e) + ")");
        }
        return new PluginCommand(annotation.name(), (StageCommand) instance, wrapper.getPluginId(), jar);
    }

    private static PluginInfo info(PluginJar jar, String state, String problem) {
        return new PluginInfo(jar.id(), jar.version(), state, jar.provider(), jar.description(), jar.requires(),
                List.of(), jar.path(), problem);
    }

    private static String dependencies(PluginWrapper wrapper) {
        List<String> ids = new ArrayList<>();
        for (PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            ids.add("'" + dependency.getPluginId() + "'");
        }
        return String.join(", ", ids);
    }

    /** The first line of the throwable's message, with its root cause when that says more. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getMessage();
        }
        return message.lines().findFirst().orElse(message).strip();
    }

    /** A plugin's extension that cannot become a command. */
    private static final class ExtensionProblem extends RuntimeException {
        ExtensionProblem(String message) {
            super(message);
        }
    }
}
