package io.step3vl.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A tensor to be written: element type, shape and its little-endian bytes. The bytes may be produced
 * lazily ({@link #lazy}) so a writer can stream a large model one tensor at a time.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final Supplier<ByteBuffer> bytes;

    private Tensor(DType dtype, long[] shape, Supplier<ByteBuffer> bytes) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    /** Bytes are produced on demand, exactly {@link #byteLength()} of them, little-endian. */
    public static Tensor lazy(DType dtype, long[] shape, Supplier<ByteBuffer> bytes) {
        return new Tensor(dtype, shape, bytes);
    }

    /** Wraps existing little-endian bytes (checked against the shape). */
    public static Tensor of(DType dtype, long[] shape, ByteBuffer littleEndianBytes) {
        Tensor t = new Tensor(dtype, shape, littleEndianBytes::duplicate);
        t.checkLength(littleEndianBytes.remaining());
        return t;
    }

    public static Tensor f32(float[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 4, shape);
        b.asFloatBuffer().put(data);
        return of(DType.F32, shape, b);
    }

    public static Tensor f64(double[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 8, shape);
        b.asDoubleBuffer().put(data);
        return of(DType.F64, shape, b);
    }

    /** Rounds each float to BF16 (nearest, ties to even). */
    public static Tensor bf16(float[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 2, shape);
        for (int i = 0; i < data.length; i++) {
            b.putShort(i * 2, HalfFloats.floatToBf16(data[i]));
        }
        return of(DType.BF16, shape, b);
    }

    /** Rounds each float to IEEE half (nearest, ties to even). */
    public static Tensor f16(float[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 2, shape);
        for (int i = 0; i < data.length; i++) {
            b.putShort(i * 2, HalfFloats.floatToF16(data[i]));
        }
        return of(DType.F16, shape, b);
    }

    public static Tensor i64(long[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 8, shape);
        b.asLongBuffer().put(data);
        return of(DType.I64, shape, b);
    }

    public static Tensor i32(int[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 4, shape);
        b.asIntBuffer().put(data);
        return of(DType.I32, shape, b);
    }

    public static Tensor u8(byte[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 1, shape);
        b.put(0, data);
        return of(DType.U8, shape, b);
    }

    public static Tensor bool(boolean[] data, long... shape) {
        ByteBuffer b = allocate(data.length, 1, shape);
        for (int i = 0; i < data.length; i++) {
            b.put(i, data[i] ? (byte) 1 : 0);
        }
        return of(DType.BOOL, shape, b);
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteLength() {
        return Math.multiplyExact(elementCount(), (long) dtype.byteSize());
    }

    /** The bytes (position 0, little-endian); computed now for lazy tensors. */
    public ByteBuffer bytes() {
        ByteBuffer b = bytes.get().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        checkLength(b.remaining());
        return b;
    }

    private void checkLength(long actual) {
        if (actual != byteLength()) {
            throw new IllegalArgumentException(dtype + Arrays.toString(shape) + " needs " + byteLength()
                    + " bytes, got " + actual);
        }
    }

    private static ByteBuffer allocate(int count, int elementBytes, long[] shape) {
        long expected = 1;
        for (long d : shape) {
            expected = Math.multiplyExact(expected, d);
        }
        if (expected != count) {
            throw new IllegalArgumentException(count + " values do not fill shape " + Arrays.toString(shape));
        }
        return ByteBuffer.allocate(Math.multiplyExact(count, elementBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + Arrays.toString(shape) + "]";
    }
}
