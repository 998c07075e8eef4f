package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import io.step3vl.model.runtime.Precision;

/** Scaled dot-product attention with the softmax in FP32 whatever the compute dtype. */
public final class Attention {
    private Attention() {}

    /**
     * {@code softmax(q·kᵀ·scale + mask) · v}.
     *
     * @param q    (..., s, d) FP32
     * @param k    (..., t, d) FP32 or compute dtype
     * @param v    (..., t, d) FP32 or compute dtype
     * @param mask additive FP32 mask broadcastable to (..., s, t) (0 = attend, large negative = blocked), or null
     * @return (..., s, d) FP32
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, double scale, Precision precision) {
        return Scoped.compute(() -> {
            // Scale the (small) queries, not the (s, t) scores: one pass less over the largest tensor.
            NDArray qScaled = precision.toCompute(q.mul((float) scale));           // (..., s, d)
            NDArray kT = precision.toCompute(k).swapAxes(-1, -2);                 // (..., d, t)
            NDArray scores = Precision.toFloat32(qScaled.matMul(kT));             // (..., s, t) FP32
            if (mask != null) {
                // In place: matmul's backward needs its inputs, not its output, so autograd allows it.
                scores.addi(mask);
            }
            NDArray probs = precision.toCompute(scores.softmax(-1));             // (..., s, t)
            return Precision.toFloat32(probs.matMul(precision.toCompute(v)));    // (..., s, d) FP32
        });
    }
}
