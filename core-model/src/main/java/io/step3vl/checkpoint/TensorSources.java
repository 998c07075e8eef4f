package io.step3vl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.HalfFloats;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorInfo;
import io.step3vl.safetensors.TensorReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapters that present tensors held elsewhere (DJL arrays, another checkpoint) as lazily-read
 * {@link Tensor}s for {@link CheckpointWriter}, so a save copies one tensor at a time.
 */
public final class TensorSources {
    private TensorSources() {}

    /**
     * DJL arrays under their names (insertion order kept). Bytes are copied from native memory only
     * when the writer reaches the tensor; the arrays must stay open until the save returns.
     */
    public static Map<String, Tensor> fromNDArrays(Map<String, NDArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, fromNDArray(name, array)));
        return out;
    }

    /** One DJL array as a lazy tensor of the matching safetensors type. */
    public static Tensor fromNDArray(String name, NDArray array) {
        DType dtype = dtypeOf(name, array.getDataType());
        long[] shape = array.getShape().getShape();
        return Tensor.lazy(dtype, shape, () -> littleEndian(array.toByteBuffer()));
    }

    /** Every tensor of {@code reader}, read (memory-mapped) when the writer reaches it. */
    public static Map<String, Tensor> fromReader(TensorReader reader) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> e : reader.tensors().entrySet()) {
            String name = e.getKey();
            TensorInfo info = e.getValue();
            out.put(name, Tensor.lazy(info.dtype(), info.shape(), () -> reader.bytes(name)));
        }
        return out;
    }

    /**
     * Floating tensors converted to {@code target} (F32, F16 or BF16, rounding to nearest even) when
     * written; other tensors unchanged. E.g. BF16 for a release-sized export at half the bytes.
     */
    public static Map<String, Tensor> castFloating(Map<String, Tensor> tensors, DType target) {
        if (target != DType.F32 && target != DType.F16 && target != DType.BF16) {
            throw new IllegalArgumentException("can cast floating tensors to F32, F16 or BF16, not " + target);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            boolean convert = t.dtype().isFloating() && t.dtype() != target && t.dtype() != DType.F64;
            out.put(name, convert ? Tensor.lazy(target, t.shape(), () -> cast(t, target)) : t);
        });
        return out;
    }

    private static ByteBuffer cast(Tensor source, DType target) {
        ByteBuffer in = source.bytes();
        int n = Math.toIntExact(source.elementCount());
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(n, target.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            float v = switch (source.dtype()) {
                case F32 -> in.getFloat(i * 4);
                case F16 -> HalfFloats.f16ToFloat(in.getShort(i * 2));
                case BF16 -> HalfFloats.bf16ToFloat(in.getShort(i * 2));
                default -> throw new IllegalStateException("not a 16/32-bit float: " + source.dtype());
            };
            switch (target) {
                case F32 -> out.putFloat(i * 4, v);
                case F16 -> out.putShort(i * 2, HalfFloats.floatToF16(v));
                default -> out.putShort(i * 2, HalfFloats.floatToBf16(v));
            }
        }
        return out;
    }

    private static DType dtypeOf(String name, DataType type) {
        return switch (type) {
            case FLOAT32 -> DType.F32;
            case FLOAT16 -> DType.F16;
            case FLOAT64 -> DType.F64;
            case INT64 -> DType.I64;
            case INT32 -> DType.I32;
            case INT8 -> DType.I8;
            case UINT8 -> DType.U8;
            case BOOLEAN -> DType.BOOL;
            default -> throw new IllegalArgumentException(name + ": cannot store DJL type " + type + " in safetensors");
        };
    }

    /** DJL hands out native-order bytes; safetensors is little-endian. */
    private static ByteBuffer littleEndian(ByteBuffer bytes) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return bytes.order(ByteOrder.LITTLE_ENDIAN);
        }
        throw new UnsupportedOperationException("big-endian hosts are not supported");
    }
}
