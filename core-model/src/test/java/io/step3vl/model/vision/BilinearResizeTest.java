package io.step3vl.model.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.step3vl.model.Parameters;
import io.step3vl.model.WeightInit;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.runtime.Engines;
import io.step3vl.model.runtime.Precision;
import org.junit.jupiter.api.Test;

/** The matmul pos-emb resize against a direct per-element bilinear interpolation (torch semantics). */
class BilinearResizeTest {
    @Test
    void oneDimensionalWeightsMatchTorch() {
        // torch: F.interpolate([[0, 1]], size=4, mode="linear", align_corners=False) = [0, 0.25, 0.75, 1]
        float[] w = BilinearResize.matrix(2, 4);
        float[] out = new float[4];
        for (int o = 0; o < 4; o++) {
            out[o] = w[o * 2 + 1];
        }
        assertThat(out).containsExactly(0f, 0.25f, 0.75f, 1f);
        // downsampling 16 -> 12 keeps each row a convex combination
        float[] d = BilinearResize.matrix(16, 12);
        for (int o = 0; o < 12; o++) {
            double sum = 0;
            for (int i = 0; i < 16; i++) {
                assertThat(d[o * 16 + i]).isGreaterThanOrEqualTo(0f);
                sum += d[o * 16 + i];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
        }
    }

    /** Naive bilinear (align_corners=False) of a (g, g, c) grid at (rows, cols). */
    static float[] naive(float[] grid, int g, int c, int rows, int cols) {
        float[] out = new float[rows * cols * c];
        for (int r = 0; r < rows; r++) {
            double sy = Math.max((r + 0.5) * g / rows - 0.5, 0);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, g - 1);
            double ly = sy - y0;
            for (int q = 0; q < cols; q++) {
                double sx = Math.max((q + 0.5) * g / cols - 0.5, 0);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, g - 1);
                double lx = sx - x0;
                for (int ch = 0; ch < c; ch++) {
                    double v = (1 - ly) * ((1 - lx) * grid[(y0 * g + x0) * c + ch] + lx * grid[(y0 * g + x1) * c + ch])
                            + ly * ((1 - lx) * grid[(y1 * g + x0) * c + ch] + lx * grid[(y1 * g + x1) * c + ch]);
                    out[(r * cols + q) * c + ch] = (float) v;
                }
            }
        }
        return out;
    }

    @Test
    void positionEmbeddingResizeMatchesNaiveForDownUpAndNonSquareGrids() {
        ModelConfig config = Presets.get("tiny");
        int g = config.vision().nativeGrid();
        int c = config.vision().width();
        try (NDManager m = Engines.pytorch().newBaseManager();
             Parameters params = WeightInit.parameters(config, 7, m.newSubManager(), Precision.FP32)) {
            VisionEncoder encoder = new VisionEncoder(config.vision(), params, Precision.FP32);
            float[] table = params.get("vision_model.positional_embedding").toFloatArray();
            int[][] sizes = {{12, 12}, {16, 16}, {52, 52}, {9, 13}};
            for (int[] size : sizes) {
                NDArray fast = encoder.positionEmbedding(m, size[0], size[1]);
                float[] want = naive(table, g, c, size[0], size[1]);
                float[] got = fast.toFloatArray();
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).as("%dx%d element %d", size[0], size[1], i).isCloseTo(want[i], within(1e-6f));
                }
                assertThat(fast.getManager()).isSameAs(m);
            }
        }
    }
}
