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
            NDArray kT = precision.toCompute(k).swapAxes(-1, -2);                 // (..., d, t)
            NDArray raw = precision.toCompute(q).matMul(kT);                      // (..., s, t)
            NDArray scores = Precision.toFloat32(raw).mul((float) scale);         // (..., s, t) FP32
            if (mask != null) {
                scores = scores.add(mask);
            }
            NDArray probs = precision.toCompute(scores.softmax(-1));             // (..., s, t)
            NDArray out = Precision.toFloat32(probs.matMul(precision.toCompute(v))); // (..., s, d) FP32
            return out;
        });
    }
}
