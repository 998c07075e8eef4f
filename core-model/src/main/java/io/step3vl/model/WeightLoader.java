package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.common.UserError;
import io.step3vl.model.WeightLayout.Entry;
import io.step3vl.model.WeightLayout.Kind;
import io.step3vl.model.runtime.Precision;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.HalfFloats;
import io.step3vl.safetensors.TensorInfo;
import io.step3vl.safetensors.TensorReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a checkpoint's tensors into NDArrays. Checks first, loads second: every missing, unexpected
 * and mis-shaped tensor is reported in one {@link UserError} before a byte is read. Tensors are
 * streamed through one bounded staging buffer in row blocks, so memory peaks at the model's size plus
 * one block — BF16/F16/F64 are converted on the way (DJL's PyTorch engine cannot hold BF16).
 */
public final class WeightLoader {
    /** Upper bound of the staging buffer; larger tensors are copied in blocks of rows. */
    static final int STAGING_BYTES = 64 << 20;
    private static final int LISTED = 12;

    private WeightLoader() {}

    /**
     * @param manager owner of the returned parameters (on the target device); closed with them
     */
    public static Parameters load(TensorReader reader, WeightLayout layout, NDManager manager, Precision precision,
                                  LoadOptions options, String source) {
        return load(reader, layout, manager, precision, options, source, STAGING_BYTES);
    }

    /** As {@link #load}, with the staging bound as a parameter (tests exercise the row-block path). */
    static Parameters load(TensorReader reader, WeightLayout layout, NDManager manager, Precision precision,
                           LoadOptions options, String source, int stagingBytes) {
        check(reader, layout, options, source);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Staging staging = new Staging();
        try {
            for (Map.Entry<String, Entry> e : layout.entries().entrySet()) {
                if (!options.components().contains(e.getValue().component())) {
                    continue;
                }
                TensorInfo info = reader.info(e.getKey());
                // whole tensor if it fits the bound, else blocks of rows (at least one row)
                long needed = Math.max(Math.min(info.elementCount() * 4, stagingBytes), rowBytesFp32(info));
                if (needed > Integer.MAX_VALUE - 8) {
                    throw UserError.at(source, "tensor '" + info.name() + "': one row is too large to load");
                }
                staging.ensure((int) needed);
                arrays.put(e.getKey(), loadOne(reader, info, targetType(e.getValue().kind(), precision), manager, staging));
            }
        } catch (RuntimeException ex) {
            arrays.values().forEach(NDArray::close);
            throw ex;
        }
        return new Parameters(manager, arrays);
    }

    /** Norms, LayerScale and the positional embedding stay FP32 on every device; matmul weights use the compute dtype. */
    static DataType targetType(Kind kind, Precision precision) {
        return switch (kind) {
            case NORM_WEIGHT, NORM_BIAS, LAYER_SCALE -> DataType.FLOAT32;
            case WEIGHT, BIAS, EMBEDDING -> precision.compute();
        };
    }

    /** Every problem at once: missing, unexpected (unless ignored), mis-shaped, non-floating. */
    static void check(TensorReader reader, WeightLayout layout, LoadOptions options, String source) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, Entry> e : layout.entries().entrySet()) {
            if (!options.components().contains(e.getValue().component())) {
                continue;
            }
            if (!reader.contains(e.getKey())) {
                missing.add(e.getKey());
                continue;
            }
            TensorInfo info = reader.info(e.getKey());
            if (!Arrays.equals(info.shape(), e.getValue().shape())) {
                misShaped.add(e.getKey() + " " + Arrays.toString(info.shape()) + " (expected "
                        + Arrays.toString(e.getValue().shape()) + ")");
            } else if (!info.dtype().isFloating()) {
                misShaped.add(e.getKey() + " has dtype " + info.dtype() + " (expected a floating-point type)");
            }
        }
        if (!options.ignoreUnexpected()) {
            for (String name : reader.names()) {
                if (!layout.entries().containsKey(name)) {
                    unexpected.add(name);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        describe(parts, missing, "missing");
        describe(parts, unexpected, "unexpected (pass the ignore-unexpected option to load anyway)");
        describe(parts, misShaped, "mis-shaped");
        if (!parts.isEmpty()) {
            throw UserError.at(source, "weights do not match config.json: " + String.join("; ", parts));
        }
    }

    private static void describe(List<String> parts, List<String> names, String what) {
        if (names.isEmpty()) {
            return;
        }
        List<String> shown = names.subList(0, Math.min(LISTED, names.size()));
        String more = names.size() > LISTED ? ", ... and " + (names.size() - LISTED) + " more" : "";
        parts.add(names.size() + " " + what + ": " + String.join(", ", shown) + more);
    }

    private static long rowBytesFp32(TensorInfo info) {
        long[] shape = info.shape();
        long row = 1;
        for (int i = 1; i < shape.length; i++) {
            row *= shape[i];
        }
        return row * 4;
    }

    /** Reads one tensor in blocks of whole rows (dimension 0) and converts it to {@code target}. */
    private static NDArray loadOne(TensorReader reader, TensorInfo info, DataType target, NDManager manager,
                                   Staging staging) {
        long[] shape = info.shape();
        Shape full = new Shape(shape);
        if (shape.length == 0 || info.elementCount() * 4 <= staging.fp32.capacity()) {
            return block(reader, info, 0, info.elementCount(), full, target, manager, staging);
        }
        long rows = shape[0];
        long rowElements = info.elementCount() / rows;
        long rowsPerBlock = staging.fp32.capacity() / (rowElements * 4);
        NDArray out = manager.create(full, target);
        try {
            for (long r = 0; r < rows; r += rowsPerBlock) {
                long n = Math.min(rowsPerBlock, rows - r);
                long[] blockShape = shape.clone();
                blockShape[0] = n;
                try (NDArray part = block(reader, info, r * rowElements, n * rowElements, new Shape(blockShape),
                        target, manager, staging)) {
                    out.set(new NDIndex("{}:{}", r, r + n), part);
                }
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Elements {@code [first, first + count)} as an owned NDArray of {@code target} type and {@code shape}. */
    private static NDArray block(TensorReader reader, TensorInfo info, long first, long count, Shape shape,
                                 DataType target, NDManager manager, Staging staging) {
        DType dtype = info.dtype();
        int elementBytes = dtype.byteSize();
        ByteBuffer fp32 = staging.fp32;
        fp32.clear();
        DataType stagedType;
        if (dtype == DType.F32 || dtype == DType.F16) {
            fp32.limit((int) (count * elementBytes));
            reader.readInto(info.name(), first * elementBytes, fp32);
            stagedType = dtype == DType.F32 ? DataType.FLOAT32 : DataType.FLOAT16;
        } else {
            // BF16 and F64 have no DJL-safe tensor type: widen/narrow to FP32 here.
            ByteBuffer raw = staging.raw((int) (count * elementBytes));
            reader.readInto(info.name(), first * elementBytes, raw);
            for (int i = 0; i < count; i++) {
                float v = dtype == DType.BF16 ? HalfFloats.bf16ToFloat(raw.getShort(i * 2)) : (float) raw.getDouble(i * 8);
                fp32.putFloat(i * 4, v);
            }
            fp32.limit((int) (count * 4));
            stagedType = DataType.FLOAT32;
        }
        fp32.position(0);
        // The blob aliases the staging buffer: copy it into tensor-owned memory before the buffer is reused.
        try (NDArray blob = manager.create(fp32, shape, stagedType)) {
            return stagedType == target ? blob.duplicate() : blob.toType(target, true);
        }
    }

    /** The two reusable direct buffers of one load: FP32 (or F16) blocks, and raw bytes awaiting conversion. */
    private static final class Staging {
        ByteBuffer fp32 = ByteBuffer.allocateDirect(0);
        private ByteBuffer raw = ByteBuffer.allocateDirect(0);

        void ensure(int bytes) {
            if (fp32.capacity() < bytes) {
                fp32 = ByteBuffer.allocateDirect(Math.max(bytes, 1)).order(ByteOrder.nativeOrder());
            }
        }

        /** The raw buffer, cleared and limited to {@code bytes}, little-endian. */
        ByteBuffer raw(int bytes) {
            if (raw.capacity() < bytes) {
                raw = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            raw.clear().limit(bytes);
            return raw;
        }
    }
}
