package io.step3vl.model.vision;

/**
 * The vision tower's 2D rotary tables (architecture.md §2.2). For head width D, each axis gets D/2
 * channels with frequencies {@code θ^(−2j/(D/2))}, j &lt; D/4, each repeated twice (adjacent pairs);
 * channels [0, D/2) rotate with the patch's column, [D/2, D) with its row. Positions are the patch's
 * own (row, column) — a smaller grid uses the same angles as the top-left of the native grid.
 */
public final class VisionRope {
    private VisionRope() {}

    /**
     * @return {cos, sin}, each (rows·cols, headDim) row-major over tokens {@code r·cols + c}
     */
    public static float[][] tables(int rows, int cols, int headDim, double theta) {
        int axis = headDim / 2;          // channels per axis
        int freqs = axis / 2;            // distinct frequencies per axis
        double[] inv = new double[freqs];
        for (int j = 0; j < freqs; j++) {
            inv[j] = 1.0 / Math.pow(theta, (2.0 * j) / axis);
        }
        float[] cos = new float[rows * cols * headDim];
        float[] sin = new float[rows * cols * headDim];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int base = (r * cols + c) * headDim;
                for (int ch = 0; ch < headDim; ch++) {
                    boolean columnAxis = ch < axis;
                    int j = (columnAxis ? ch : ch - axis) / 2;
                    double angle = (columnAxis ? c : r) * inv[j];
                    cos[base + ch] = (float) Math.cos(angle);
                    sin[base + ch] = (float) Math.sin(angle);
                }
            }
        }
        return new float[][] {cos, sin};
    }
}
