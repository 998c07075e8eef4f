package io.step3vl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Map;

/** Global gradient-norm clipping, as torch's clip_grad_norm_ over all parameters together. */
public final class GradClip {
    private GradClip() {}

    /**
     * The global L2 norm of all gradients, computed in float64 on the host so the value is
     * identical whatever the parameter order.
     */
    public static double globalNorm(Map<String, NDArray> grads) {
        double sumSquares = 0;
        for (NDArray g : grads.values()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                sumSquares += g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales every gradient in place by {@code maxNorm / norm} when the norm exceeds {@code maxNorm}
     * ({@code maxNorm <= 0} disables clipping). Returns the norm before clipping (what gets logged).
     */
    public static double clip(Map<String, NDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / (norm + 1e-6);
            for (NDArray g : grads.values()) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
