package io.step3vl.shapes;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: the generator, its settings, what was written, and a size and SHA-256 per data file
 * (images are counted, not hashed) — the fingerprint training runs record for their data.
 */
final class Manifest {
    private Manifest() {}

    static void write(Path root, ShapesConfig config, Map<String, Long> records,
                      Map<String, Map<String, Integer>> taskCounts, long images, long imageBytes, List<Path> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", ShapesGenerator.GENERATOR);
        m.put("format_version", 1);
        m.put("config", config.describe());
        m.put("records", records);
        m.put("tasks", taskCounts);
        m.put("images", images);
        m.put("image_bytes", imageBytes);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", root.relativize(file).toString().replace('\\', '/'));
            try {
                f.put("bytes", Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            f.put("sha256", sha256(file));
            list.add(f);
        }
        m.put("files", list);
        AtomicFiles.writeString(root.resolve(ShapesGenerator.MANIFEST), Json.pretty(m) + "\n");
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
