package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.runtime.Precision;

/** Stateless layer operations on DJL NDArrays (PyTorch semantics), FP32 in and out. */
public final class Ops {
    private Ops() {}

    /**
     * An array holding a copy of {@code data} in memory the engine owns. DJL's PyTorch engine wraps a
     * Java buffer without copying it and lets the buffer go when the array is closed; autograd may still
     * hold that tensor for the backward pass (e.g. a rotation matrix closed with the other intermediates of
     * a {@link Scoped} computation) and would then read freed memory — wrong gradients, at random, NaN.
     * Every array built from Java data inside a forward pass comes from here.
     */
    public static NDArray constant(NDManager manager, float[] data, Shape shape) {
        try (NDArray aliasing = manager.create(data, shape)) {
            return aliasing.duplicate();
        }
    }

    /**
     * {@code x · s} for a differentiable {@code x}. DJL turns a Number operand into a scalar array that
     * aliases a Java buffer and closes it right after the op — but {@code mul}, {@code div} and
     * {@code pow} save that operand for the backward pass, which then reads freed memory once the
     * garbage collector has run (non-finite or wrong gradients, at random). These helpers pass an
     * engine-owned scalar instead.
     */
    public static NDArray mul(NDArray x, float s) {
        try (NDArray c = scalar(x, s)) {
            return x.mul(c);
        }
    }

    /** {@code x / s} for a differentiable {@code x}; see {@link #mul(NDArray, float)}. */
    public static NDArray div(NDArray x, float s) {
        try (NDArray c = scalar(x, s)) {
            return x.div(c);
        }
    }

    /** {@code x ^ e} for a differentiable {@code x}; see {@link #mul(NDArray, float)}. */
    public static NDArray pow(NDArray x, float e) {
        try (NDArray c = scalar(x, e)) {
            return x.pow(c);
        }
    }

    private static NDArray scalar(NDArray like, float value) {
        return constant(like.getManager(), new float[] {value}, new Shape());
    }

    /** As {@link #constant(NDManager, float[], Shape)} for INT64 data (e.g. gather indices). */
    public static NDArray constant(NDManager manager, long[] data, Shape shape) {
        try (NDArray aliasing = manager.create(data, shape)) {
            return aliasing.duplicate();
        }
    }

    /**
     * {@code x · wᵀ + b} (torch {@code F.linear}), the matmul in the precision's compute dtype.
     *
     * @param x    (..., in) FP32
     * @param w    (out, in) in the compute dtype
     * @param bias (out) or null
     * @return (..., out) FP32
     */
    public static NDArray linear(NDArray x, NDArray w, NDArray bias, Precision precision) {
        if (!precision.mixed()) {
            return ex(x).linear(x, w, bias).singletonOrThrow(); // (..., out)
        }
        return Scoped.compute(() -> {
            NDArray xc = precision.toCompute(x);
            NDArray y = Precision.toFloat32(ex(xc).linear(xc, w, bias).singletonOrThrow()); // (..., out)
            return y;
        });
    }

    /**
     * 2D convolution (torch {@code F.conv2d}), square kernel, dilation 1, one group.
     *
     * @param x    (n, in, h, w) FP32
     * @param w    (out, in, k, k) in the compute dtype
     * @param bias (out) or null
     * @return (n, out, h', w') FP32
     */
    public static NDArray conv2d(NDArray x, NDArray w, NDArray bias, int stride, int padding, Precision precision) {
        return Scoped.compute(() -> {
            NDArray xc = precision.toCompute(x);
            NDArray y = Precision.toFloat32(ex(xc).convolution(xc, w, bias, new Shape(stride, stride),
                    new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow()); // (n, out, h', w')
            return y;
        });
    }

    /**
     * LayerNorm over the last axis with weight and bias (torch {@code F.layer_norm}), in FP32.
     *
     * @param x (..., c) FP32; w, b (c) FP32
     */
    public static NDArray layerNorm(NDArray x, NDArray w, NDArray b, double eps) {
        return ex(x).layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)), w, b, (float) eps)
                .singletonOrThrow();
    }

    /**
     * RMSNorm over the last axis: {@code w ⊙ x / sqrt(mean(x²) + eps)}, in FP32 (Qwen3's
     * {@code Qwen3RMSNorm}).
     *
     * @param x (..., d) FP32; w (d) FP32
     */
    public static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
        return Scoped.compute(() -> {
            NDArray meanSquare = x.square().mean(new int[] {-1}, true);      // (..., 1)
            NDArray inverse = pow(meanSquare.add((float) eps), -0.5f);        // (..., 1)
            NDArray out = x.mul(inverse).mul(w);                            // (..., d)
            return out;
        });
    }

    /** {@code x · sigmoid(1.702 x)} (CLIP's quick_gelu). */
    public static NDArray quickGelu(NDArray x) {
        try (NDArray scaled = mul(x, 1.702f); NDArray gate = scaled.getNDArrayInternal().sigmoid()) {
            return x.mul(gate);
        }
    }

    /** Exact GELU (erf form), for vision configs that select {@code "gelu"}. */
    public static NDArray gelu(NDArray x) {
        return ex(x).gelu();
    }

    /** {@code x · sigmoid(x)}. */
    public static NDArray silu(NDArray x) {
        try (NDArray gate = ex(x).sigmoid()) {
            return x.mul(gate);
        }
    }

    /**
     * Rows of {@code table} picked by {@code ids} (torch {@code F.embedding}); differentiable in the table.
     *
     * @param ids   (...) INT64
     * @param table (rows, d)
     * @return (..., d), table's dtype
     */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return ex(table).embedding(ids, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Concatenation that keeps the autograd graph: DJL's {@code NDArrays.concat} of a single array
     * returns a detached copy ({@code duplicate()} detaches), which would silently cut gradients.
     * The result is always a new handle, so the caller may close {@code parts} afterwards.
     */
    public static NDArray concat(NDList parts, int axis) {
        if (parts.size() == 1) {
            NDArray only = parts.get(0);
            return only.reshape(only.getShape());
        }
        return NDArrays.concat(parts, axis);
    }

    private static NDArrayEx ex(NDArray x) {
        return x.getNDArrayInternal();
    }
}
