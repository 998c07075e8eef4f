package io.step3vl.safetensors;

import io.step3vl.common.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Converts a tensor's little-endian bytes to Java arrays, widening as the read methods promise. */
final class Decoding {
    private Decoding() {}

    static float[] toFloats(TensorInfo info, ByteBuffer raw, String source) {
        int n = elementCountAsInt(info, source);
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        switch (info.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.bf16ToFloat(b.getShort(i * 2));
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.f16ToFloat(b.getShort(i * 2));
                }
            }
            default -> throw UserError.at(source, "tensor '" + info.name() + "': expected a floating-point dtype "
                    + "(F32, F16, BF16, F64), got " + info.dtype());
        }
        return out;
    }

    static long[] toLongs(TensorInfo info, ByteBuffer raw, String source) {
        int n = elementCountAsInt(info, source);
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[n];
        switch (info.dtype()) {
            case I64 -> b.asLongBuffer().get(out);
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(i * 2);
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case U8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xFF;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0 ? 1 : 0;
                }
            }
            default -> throw UserError.at(source, "tensor '" + info.name() + "': expected an integer or BOOL dtype, got "
                    + info.dtype());
        }
        return out;
    }

    private static int elementCountAsInt(TensorInfo info, String source) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw UserError.at(source, "tensor '" + info.name() + "': " + n
                    + " elements do not fit one Java array; read it with bytes() in slices");
        }
        return (int) n;
    }
}
