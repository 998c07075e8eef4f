package io.step3vl.safetensors;

import io.step3vl.common.UserError;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Read access to named tensors, whether they live in one safetensors file or in the shards of a
 * checkpoint ({@link SafetensorsFile}, {@link TensorStore}). Tensors are read lazily: only the bytes
 * of the requested tensor are touched.
 */
public interface TensorReader extends AutoCloseable {
    /** Tensor names in a stable order (header order for a file, index order for shards). */
    Set<String> names();

    /** Name → header entry, in {@link #names()} order. */
    Map<String, TensorInfo> tensors();

    /** The {@code __metadata__} string map (empty if absent). */
    Map<String, String> metadata();

    default boolean contains(String name) {
        return tensors().containsKey(name);
    }

    /** The header entry of {@code name}; a {@link UserError} naming the source if there is none. */
    TensorInfo info(String name);

    /** Elements as float32, upcast from F16, BF16 or narrowed from F64; row-major. */
    float[] readFloat(String name);

    /** Elements as int64, widened from any integer type or BOOL (0/1); row-major. */
    long[] readLong(String name);

    /** The raw little-endian bytes of one tensor as a read-only view (memory-mapped, not copied). */
    ByteBuffer bytes(String name);

    /**
     * Copies bytes {@code [offset, offset + dst.remaining())} of one tensor's data into {@code dst} with
     * plain reads (no mapping, so loading a large checkpoint does not pile up mapped pages).
     */
    void readInto(String name, long offset, ByteBuffer dst);

    @Override
    void close();
}
