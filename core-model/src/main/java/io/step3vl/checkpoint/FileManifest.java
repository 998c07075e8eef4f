package io.step3vl.checkpoint;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Size and SHA-256 of every file of a directory tree, keyed by '/'-separated relative path in sorted
 * order. A checkpoint's manifest lives in step3vl.json; archives carry one as MANIFEST.sha256.
 *
 * @param files relative path → size and hash, sorted by path
 */
public record FileManifest(SortedMap<String, Entry> files) {
    /** One file: its length in bytes and lower-case hex SHA-256. */
    public record Entry(long size, String sha256) {}

    public FileManifest {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Hashes the given files (relative paths) under {@code root}. */
    public static FileManifest compute(Path root, Collection<String> relativePaths) {
        SortedMap<String, Entry> files = new TreeMap<>();
        for (String rel : relativePaths) {
            Path file = root.resolve(rel);
            files.put(rel, new Entry(size(file), Sha256.ofFile(file)));
        }
        return new FileManifest(files);
    }

    /** Every regular file under {@code root} (symbolic links followed), skipping hidden names. */
    public static FileManifest scan(Path root) {
        return compute(root, listFiles(root));
    }

    /** Relative '/'-separated paths of the regular files under {@code root}, without hidden names. */
    public static List<String> listFiles(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> relative(root, p))
                    .filter(rel -> Stream.of(rel.split("/")).noneMatch(part -> part.startsWith(".")))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** This manifest restricted to the paths {@code include} accepts. */
    public FileManifest filter(Predicate<String> include) {
        SortedMap<String, Entry> kept = new TreeMap<>();
        files.forEach((path, entry) -> {
            if (include.test(path)) {
                kept.put(path, entry);
            }
        });
        return new FileManifest(kept);
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(Entry::size).sum();
    }

    /**
     * The manifest in {@code sha256sum} format ({@code <hex>  <path>} per line, sorted by path), so
     * {@code sha256sum -c} checks an unpacked archive.
     */
    public String toSha256Sum() {
        StringBuilder sb = new StringBuilder();
        files.forEach((path, entry) -> sb.append(entry.sha256()).append("  ").append(path).append('\n'));
        return sb.toString();
    }

    /**
     * A fingerprint of the whole tree: {@code sha256:} + the SHA-256 of {@link #toSha256Sum()}. Two trees
     * have the same fingerprint exactly when they hold the same files with the same bytes.
     */
    public String fingerprint() {
        return "sha256:" + Sha256.ofBytes(toSha256Sum().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks that every listed file exists with the listed size (cheap: no reading), and with
     * {@code hashes} also its SHA-256. Reports every problem at once in one line.
     */
    public void verify(Path root, boolean hashes) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Entry> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add(e.getKey() + " is missing");
                continue;
            }
            long actual = size(file);
            if (actual != e.getValue().size()) {
                problems.add(e.getKey() + " has " + actual + " bytes, expected " + e.getValue().size());
            } else if (hashes && !Sha256.ofFile(file).equals(e.getValue().sha256())) {
                problems.add(e.getKey() + " does not match its sha256");
            }
        }
        if (!problems.isEmpty()) {
            throw UserError.at(root, "checkpoint is damaged: " + String.join("; ", problems));
        }
    }

    /**
     * Parses {@code sha256sum} text into path → hex digest; {@code source} names the file in errors.
     * Duplicate paths and malformed lines are input errors.
     */
    public static SortedMap<String, String> parseSha256Sum(String text, Object source) {
        SortedMap<String, String> digests = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 67 || !line.startsWith("  ", 64) || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw UserError.at(source, "line " + (i + 1) + ": expected '<64 hex digits>  <path>'");
            }
            String path = line.substring(66);
            if (digests.put(path, line.substring(0, 64)) != null) {
                throw UserError.at(source, "line " + (i + 1) + ": " + path + " is listed twice");
            }
        }
        return digests;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
