package io.step3vl.model.vision;

/**
 * 1D interpolation weights of PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)}
 * without antialias: output o samples {@code src = (o + 0.5)·(in/out) − 0.5}, clamped below at 0, from
 * {@code i0 = floor(src)} and {@code i1 = min(i0 + 1, in − 1)} with weight {@code src − i0} on i1.
 * Bilinear is separable, so a 2D resize of a grid G is {@code W_rows · G · W_colsᵀ}.
 */
public final class BilinearResize {
    private BilinearResize() {}

    /** The (out, in) weight matrix, row-major, computed in double and rounded once to float. */
    public static float[] matrix(int in, int out) {
        float[] w = new float[out * in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = Math.max((o + 0.5) * scale - 0.5, 0.0);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double lambda = src - i0;
            w[o * in + i0] += (float) (1.0 - lambda);
            w[o * in + i1] += (float) lambda;
        }
        return w;
    }
}
