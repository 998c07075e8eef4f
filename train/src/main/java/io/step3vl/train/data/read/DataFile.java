package io.step3vl.train.data.read;

import java.nio.file.Path;
import java.util.Locale;

/** A data file and how to read it, decided by its name. */
public record DataFile(Path path, Kind kind, Compression compression) {
    /** JSONL (one JSON object per line) or a WebDataset tar shard. */
    public enum Kind { JSONL, TAR }

    /** The file's kind from its extension, or null when it is not a data file. */
    public static DataFile detect(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return new DataFile(path, Kind.JSONL, Compression.NONE);
        }
        if (name.endsWith(".jsonl.gz")) {
            return new DataFile(path, Kind.JSONL, Compression.GZIP);
        }
        if (name.endsWith(".jsonl.zst")) {
            return new DataFile(path, Kind.JSONL, Compression.ZSTD);
        }
        if (name.endsWith(".tar")) {
            return new DataFile(path, Kind.TAR, Compression.NONE);
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new DataFile(path, Kind.TAR, Compression.GZIP);
        }
        if (name.endsWith(".tar.zst")) {
            return new DataFile(path, Kind.TAR, Compression.ZSTD);
        }
        return null;
    }

    /** Whether a byte offset can be sought to directly (uncompressed JSONL). */
    public boolean seekable() {
        return kind == Kind.JSONL && compression == Compression.NONE;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
