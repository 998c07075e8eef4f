package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Applying a rotary position embedding: {@code out = t ⊙ cos + rotate(t) ⊙ sin}. Both RoPE variants
 * differ only in which channels pair up, so {@code rotate} is a signed permutation, applied as one
 * matmul with a (d, d) matrix that has a single ±1 per column — exact in floating point (every other
 * product is an exact zero) and one op instead of slice/negate/concat.
 */
public final class Rotary {
    /** How channels pair up. */
    public enum Pairing {
        /** (2m, 2m+1) → (−t[2m+1], t[2m]): the vision tower's 2D RoPE. */
        ADJACENT,
        /** (k, k+d/2) → cat(−t[d/2:], t[:d/2]): the decoder's "rotate_half" RoPE. */
        HALVES
    }

    private Rotary() {}

    /** The (d, d) matrix R with {@code rotate(t) = t · R}, as floats in row-major order. */
    public static float[] rotationMatrix(int d, Pairing pairing) {
        float[] r = new float[d * d]; // r[row * d + col]: input channel row contributes to output col
        for (int out = 0; out < d; out++) {
            int in;
            float sign;
            if (pairing == Pairing.ADJACENT) {
                boolean even = out % 2 == 0;
                in = even ? out + 1 : out - 1;
                sign = even ? -1f : 1f;
            } else {
                int half = d / 2;
                boolean low = out < half;
                in = low ? out + half : out - half;
                sign = low ? -1f : 1f;
            }
            r[in * d + out] = sign;
        }
        return r;
    }

    /** The rotation matrix as an NDArray in {@code manager}. */
    public static NDArray rotationMatrix(NDManager manager, int d, Pairing pairing) {
        return Ops.constant(manager, rotationMatrix(d, pairing), new Shape(d, d));
    }

    /**
     * @param t        (..., s, d) FP32
     * @param cos      broadcastable to t, e.g. (s, d) or (b, 1, s, d)
     * @param sin      same shape as cos
     * @param rotation (d, d) from {@link #rotationMatrix}
     * @return (..., s, d)
     */
    public static NDArray apply(NDArray t, NDArray cos, NDArray sin, NDArray rotation) {
        try (NDArray rotated = t.matMul(rotation);       // (..., s, d)
             NDArray rotatedSin = rotated.mul(sin);
             NDArray tCos = t.mul(cos)) {
            return tCos.add(rotatedSin);
        }
    }
}
