package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
        return attend(q, k, v, mask, scale, precision, MAX_SCORES);
    }

    /** As above with the score-size bound as a parameter (tests force the blocked path). */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, double scale, Precision precision,
                          long maxScores) {
        return Scoped.compute(() -> {
            // Scale the (small) queries, not the (s, t) scores: one pass less over the largest tensor.
            NDArray qScaled = precision.toCompute(Ops.mul(q, (float) scale));           // (..., s, d)
            NDArray kT = precision.toCompute(k).swapAxes(-1, -2);                 // (..., d, t)
            NDArray vc = precision.toCompute(v);
            Shape qs = q.getShape();
            int rank = qs.dimension();
            long s = qs.get(rank - 2);
            long rowsElsewhere = qs.size() / (s * qs.get(rank - 1));               // product of the leading axes
            long t = kT.getShape().get(rank - 1);
            long block = mask != null ? s : Math.max(16, Math.min(s, maxScores / Math.max(1, rowsElsewhere * t)));
            if (block >= s) {
                return scoresTimesValues(qScaled, kT, vc, mask, precision);
            }
            // Long unmasked sequences (the vision tower at 728 px): bound the score matrix by query blocks.
            NDList parts = new NDList();
            String lead = ":, ".repeat(rank - 2);
            for (long from = 0; from < s; from += block) {
                NDArray qb = qScaled.get(new NDIndex(lead + "{}:{}, :", from, Math.min(s, from + block))); // (..., n, d)
                parts.add(scoresTimesValues(qb, kT, vc, null, precision));
            }
            return Ops.concat(parts, rank - 2);                                     // (..., s, d)
        });
    }

    /** Score elements (all heads and views) above which unmasked attention runs in query blocks. */
    static final long MAX_SCORES = 16L << 20;

    private static NDArray scoresTimesValues(NDArray qScaled, NDArray kT, NDArray v, NDArray mask, Precision precision) {
        NDArray scores = Precision.toFloat32(qScaled.matMul(kT));                 // (..., n, t) FP32
        if (mask != null) {
            // In place: matmul's backward needs its inputs, not its output, so autograd allows it.
            scores.addi(mask);
        }
        NDArray probs = precision.toCompute(scores.softmax(-1));                 // (..., n, t)
        return Precision.toFloat32(probs.matMul(v));                             // (..., n, d) FP32
    }
}
