package io.step3vl.train.data.read;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** How a data file is compressed, from its name. */
public enum Compression {
    NONE, GZIP, ZSTD;

    /** Wraps a raw file stream in the decompressor (concatenated gzip members are read through). */
    InputStream open(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdInputStream(raw);
        };
    }
}
