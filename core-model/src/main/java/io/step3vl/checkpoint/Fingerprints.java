package io.step3vl.checkpoint;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content fingerprints ({@code sha256:<hex>}) for provenance: of data files and directories, and of
 * checkpoints. Computable with coreutils, see docs/checkpoint-format.md.
 */
public final class Fingerprints {
    private Fingerprints() {}

    /**
     * A file: the SHA-256 of its bytes. A directory: the SHA-256 of the {@code sha256sum} listing of its
     * non-hidden files, sorted by relative path ({@link FileManifest#fingerprint()}).
     */
    public static String ofPath(Path path) {
        if (Files.isRegularFile(path)) {
            return "sha256:" + Sha256.ofFile(path);
        }
        if (Files.isDirectory(path)) {
            return FileManifest.scan(path).fingerprint();
        }
        throw UserError.at(path, "no such file or directory");
    }

    /**
     * The model fingerprint of a checkpoint: over every file except step3vl.json and trainer_state/,
     * so a training checkpoint and its weights-only export have the same fingerprint. A toolkit
     * checkpoint answers from its manifest after checking file sizes; any other directory (the
     * release, an HF export) is hashed in full.
     */
    public static String ofCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw UserError.at(dir, "not a checkpoint directory (no such directory)");
        }
        if (Files.isRegularFile(dir.resolve(CheckpointLayout.PROVENANCE))) {
            FileManifest model = ProvenanceFile.read(dir).manifest().filter(Fingerprints::isModelFile);
            model.verify(dir, false);
            return model.fingerprint();
        }
        // Hashing a 20 GB release takes a while; a training run names its parent at every save, so the
        // result is kept for as long as no model file changed its size or modification time.
        Path key = dir.toAbsolutePath().normalize();
        String signature = signature(key);
        Cached cached = FULL_HASHES.get(key);
        if (cached != null && cached.signature().equals(signature)) {
            return cached.fingerprint();
        }
        String fingerprint = FileManifest.scan(key).filter(Fingerprints::isModelFile).fingerprint();
        FULL_HASHES.put(key, new Cached(signature, fingerprint));
        return fingerprint;
    }

    private record Cached(String signature, String fingerprint) {}

    private static final Map<Path, Cached> FULL_HASHES = new ConcurrentHashMap<>();

    /** Every model file's path, size and modification time: changes whenever a file does. */
    private static String signature(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String rel : FileManifest.listFiles(dir)) {
            if (isModelFile(rel)) {
                try {
                    Path file = dir.resolve(rel);
                    sb.append(rel).append('\0').append(Files.size(file)).append('\0')
                            .append(Files.getLastModifiedTime(file).toInstant()).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + dir.resolve(rel) + ": " + e.getMessage(), e);
                }
            }
        }
        return sb.toString();
    }

    /** Whether a checkpoint-relative path is part of the model (as opposed to provenance or trainer state). */
    static boolean isModelFile(String relativePath) {
        return !relativePath.equals(CheckpointLayout.PROVENANCE)
                && !relativePath.startsWith(CheckpointLayout.TRAINER_STATE_DIR + "/");
    }
}
