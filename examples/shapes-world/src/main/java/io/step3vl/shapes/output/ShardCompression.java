package io.step3vl.shapes.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** How a WebDataset shard is compressed, and the file extension that says so. */
public enum ShardCompression {
    NONE(".tar"),
    GZIP(".tar.gz"),
    ZSTD(".tar.zst");

    /** zstd's default level: fast, and single-threaded so the output is deterministic. */
    private static final int ZSTD_LEVEL = 3;

    private final String extension;

    ShardCompression(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses {@code none|gzip|zstd} (also {@code tar}, {@code gz}, {@code zst}, {@code tar.gz}, {@code tar.zst}). */
    public static ShardCompression parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "tar" -> NONE;
            case "gzip", "gz", "tar.gz" -> GZIP;
            case "zstd", "zst", "tar.zst" -> ZSTD;
            default -> throw new IllegalArgumentException("expected none, gzip or zstd, got '" + name + "'");
        };
    }

    /** Wraps {@code out}; closing the result finishes the compressed stream and closes {@code out}. */
    OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> {
                GzipParameters params = new GzipParameters();
                params.setModificationTime(0); // no timestamp: equal content gives equal bytes
                yield new GzipCompressorOutputStream(out, params);
            }
            case ZSTD -> new ZstdCompressorOutputStream(out, ZSTD_LEVEL);
        };
    }
}
