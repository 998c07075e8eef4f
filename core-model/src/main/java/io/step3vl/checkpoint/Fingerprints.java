package io.step3vl.checkpoint;

import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

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
        return FileManifest.scan(dir).filter(Fingerprints::isModelFile).fingerprint();
    }

    /** Whether a checkpoint-relative path is part of the model (as opposed to provenance or trainer state). */
    static boolean isModelFile(String relativePath) {
        return !relativePath.equals(CheckpointLayout.PROVENANCE)
                && !relativePath.startsWith(CheckpointLayout.TRAINER_STATE_DIR + "/");
    }
}
