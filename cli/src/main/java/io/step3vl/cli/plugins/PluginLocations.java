package io.step3vl.cli.plugins;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where plugins are looked for, in priority order: the distribution's plugins/ folder, then each
 * entry of {@code $STEP3VL_PLUGINS} (a path list separated like PATH), then each
 * {@code --plugins-dir}. An entry is a folder (its {@code *.jar} files, by name) or one jar file.
 * When two plugins claim the same command, the earlier one keeps it.
 */
public final class PluginLocations {
    private final List<Path> entries;

    private PluginLocations(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param distributionPlugins the distribution's plugins/ folder, or null when not run from one
     * @param envPathList the value of {@code $STEP3VL_PLUGINS}, or null
     * @param pluginDirs the {@code --plugins-dir} values
     */
    public static PluginLocations of(Path distributionPlugins, String envPathList, List<Path> pluginDirs) {
        List<Path> entries = new ArrayList<>();
        if (distributionPlugins != null) {
            entries.add(distributionPlugins);
        }
        if (envPathList != null) {
            for (String part : envPathList.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    entries.add(Path.of(part.trim()));
                }
            }
        }
        entries.addAll(pluginDirs);
        return new PluginLocations(entries);
    }

    public List<Path> entries() {
        return entries;
    }

    /**
     * The plugin jars, each once, in priority order. Locations that do not exist are skipped
     * silently: an unset or empty plugins folder is normal.
     */
    public List<Path> jars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (Path entry : entries) {
            Path abs = entry.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                try (Stream<Path> files = Files.list(abs)) {
                    files.filter(PluginLocations::isJar).sorted().forEach(jars::add);
                } catch (IOException e) {
                    // An unreadable folder holds no loadable plugins; PluginHost reports nothing for it
                    // because there is no jar to name; the folder itself is listed by 'step3vl doctor'.
                }
            } else if (isJar(abs)) {
                jars.add(abs);
            }
        }
        return new ArrayList<>(jars);
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
