package io.step3vl.cli.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * One row of {@code step3vl plugins}: a plugin jar and what became of it.
 *
 * @param id the manifest's Plugin-Id, or null when the jar could not be read
 * @param state PF4J's state (STARTED, DISABLED, FAILED...)
 * @param commands the commands it contributes (empty when none or failed)
 * @param source the jar
 * @param problem one line saying what went wrong, or null
 */
public record PluginInfo(String id, String version, String state, String provider, String description,
                         String requires, List<String> commands, Path source, String problem) {
    public PluginInfo {
        commands = List.copyOf(commands);
    }

    PluginInfo withCommands(List<String> newCommands) {
        return new PluginInfo(id, version, state, provider, description, requires, newCommands, source, problem);
    }

    PluginInfo failed(String newState, String newProblem) {
        String merged = problem == null ? newProblem : problem + "; " + newProblem;
        return new PluginInfo(id, version, newState, provider, description, requires, commands, source, merged);
    }
}
