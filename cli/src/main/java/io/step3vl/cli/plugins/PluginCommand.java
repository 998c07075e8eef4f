package io.step3vl.cli.plugins;

import io.step3vl.plugin.StageCommand;
import java.nio.file.Path;

/**
 * A command contributed by a loaded plugin.
 *
 * @param name its {@code @Command(name)}
 * @param command the extension instance the host adds to the command line
 */
public record PluginCommand(String name, StageCommand command, String pluginId, Path source) {}
