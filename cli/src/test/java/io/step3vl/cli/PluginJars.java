package io.step3vl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds plugin jars in a temp folder from compiled test classes, like a plugin's Maven build would. */
public final class PluginJars {
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private boolean withManifest = true;

    private PluginJars(String id) {
        if (id != null) {
            manifest.put("Plugin-Id", id);
        }
        manifest.put("Plugin-Version", "1.2.3");
        manifest.put("Plugin-Requires", ">=0.1.0");
        manifest.put("Plugin-Provider", "Test Provider");
        manifest.put("Plugin-Description", "plugin " + id);
    }

    public static PluginJars plugin(String id) {
        return new PluginJars(id);
    }

    public PluginJars attribute(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    public PluginJars noManifest() {
        withManifest = false;
        return this;
    }

    /** Packs {@code type} (and its nested classes) and lists it in META-INF/extensions.idx. */
    public PluginJars extension(Class<?> type) {
        classes.add(type);
        classes.addAll(List.of(type.getDeclaredClasses()));
        extensions.add(type.getName());
        return this;
    }

    /** Lists a class in the index without packing it (a broken build). */
    public PluginJars missingExtension(String className) {
        extensions.add(className);
        return this;
    }

    public Path writeTo(Path dir, String fileName) {
        Path jar = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = withManifest ? new JarOutputStream(file, manifest()) : new JarOutputStream(file)) {
                for (Class<?> type : classes) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A file named .jar that is not a zip at all. */
    public static Path garbage(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(fileName), "this is not a jar\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        return m;
    }
}
