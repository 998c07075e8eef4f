package io.step3vl.cli.plugins;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.pf4j.processor.ExtensionStorage;
import org.pf4j.processor.LegacyExtensionStorage;

/**
 * What the host reads from a plugin jar before PF4J loads it: the manifest's plugin fields and the
 * extension classes listed in META-INF/extensions.idx (written by PF4J's annotation processor).
 * Reading these first turns a malformed jar into a precise one-line problem.
 */
record PluginJar(Path path, String id, String version, String requires, String provider,
                 String description, Set<String> extensionClasses) {

    /** Reads the jar; throws {@link BadPluginJar} with a one-line reason when it is not a plugin. */
    static PluginJar read(Path path) {
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new BadPluginJar("no META-INF/MANIFEST.MF; expected one with Plugin-Id and Plugin-Version");
            }
            Attributes main = manifest.getMainAttributes();
            String id = main.getValue("Plugin-Id");
            String version = main.getValue("Plugin-Version");
            if (id == null || id.isBlank()) {
                throw new BadPluginJar("manifest has no Plugin-Id; expected Plugin-Id, Plugin-Version, "
                        + "Plugin-Requires, Plugin-Provider");
            }
            if (version == null || version.isBlank()) {
                throw new BadPluginJar("manifest of plugin '" + id + "' has no Plugin-Version");
            }
            Set<String> classes = new LinkedHashSet<>();
            ZipEntry index = jar.getEntry(LegacyExtensionStorage.EXTENSIONS_RESOURCE);
            if (index != null) {
                try (Reader reader = new InputStreamReader(jar.getInputStream(index), StandardCharsets.UTF_8)) {
                    ExtensionStorage.read(reader, classes);
                }
            }
            return new PluginJar(path, id.trim(), version.trim(), main.getValue("Plugin-Requires"),
                    main.getValue("Plugin-Provider"), main.getValue("Plugin-Description"), java.util.Collections.unmodifiableSet(classes));
        } catch (IOException e) {
            throw new BadPluginJar("not a readable jar (" + e.getMessage() + ")");
        } catch (SecurityException e) {
            throw new BadPluginJar("jar signature check failed (" + e.getMessage() + ")");
        }
    }

    /** Why a jar is not a usable plugin, in one line. */
    static final class BadPluginJar extends RuntimeException {
        BadPluginJar(String message) {
            super(message);
        }
    }
}
