package io.step3vl.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.decoder.DecoderRope;
import io.step3vl.model.runtime.Engines;
import io.step3vl.model.vision.VisionRope;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-matmul rotary application against the spec's element-wise formulas (architecture.md §2.2, §4). */
class RotaryTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void adjacentPairsMatchTheNaiveVisionFormula() {
        int tokens = 12;
        int d = 16;
        float[] t = random(tokens * d, 1);
        float[][] cs = VisionRope.tables(3, 4, d, 10000.0);
        float[] expected = new float[t.length];
        for (int s = 0; s < tokens; s++) {
            for (int m = 0; m < d / 2; m++) {
                int i = s * d + 2 * m;
                // out[2m] = t[2m]·cos − t[2m+1]·sin, out[2m+1] = t[2m+1]·cos + t[2m]·sin
                expected[i] = t[i] * cs[0][i] - t[i + 1] * cs[1][i];
                expected[i + 1] = t[i + 1] * cs[0][i + 1] + t[i] * cs[1][i + 1];
            }
        }
        assertFast(t, cs, d, Rotary.Pairing.ADJACENT, tokens, expected);
    }

    @Test
    void halvesMatchTheNaiveRotateHalfFormula() {
        int tokens = 5;
        int d = 8;
        float[] t = random(tokens * d, 2);
        float[] inv = DecoderRope.inverseFrequencies(d, 1e6);
        float[][] cs = new float[2][tokens * d];
        for (int s = 0; s < tokens; s++) {
            for (int c = 0; c < d; c++) {
                double angle = (s + 7) * (double) inv[c % (d / 2)];
                cs[0][s * d + c] = (float) Math.cos(angle);
                cs[1][s * d + c] = (float) Math.sin(angle);
            }
        }
        float[] expected = new float[t.length];
        for (int s = 0; s < tokens; s++) {
            for (int k = 0; k < d / 2; k++) {
                int lo = s * d + k;
                int hi = lo + d / 2;
                expected[lo] = t[lo] * cs[0][lo] - t[hi] * cs[1][lo];
                expected[hi] = t[hi] * cs[0][hi] + t[lo] * cs[1][hi];
            }
        }
        assertFast(t, cs, d, Rotary.Pairing.HALVES, tokens, expected);
    }

    private static void assertFast(float[] t, float[][] cs, int d, Rotary.Pairing pairing, int tokens, float[] expected) {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Shape shape = new Shape(tokens, d);
            NDArray out = Rotary.apply(m.create(t, shape), m.create(cs[0], shape), m.create(cs[1], shape),
                    Rotary.rotationMatrix(m, d, pairing));
            float[] got = out.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).as("channel %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void visionTablesUseColumnThenRowWithInterleavedFrequencies() {
        int d = 16;
        float[][] cs = VisionRope.tables(12, 12, d, 10000.0);
        int r = 5;
        int c = 9;
        int base = (r * 12 + c) * d;
        for (int j = 0; j < d / 4; j++) {
            double freq = Math.pow(10000.0, -4.0 * j / d); // ω_j = θ^(−4j/D)
            assertThat((double) cs[0][base + 2 * j]).isCloseTo(Math.cos(c * freq), org.assertj.core.data.Offset.offset(1e-7));
            assertThat(cs[0][base + 2 * j + 1]).isEqualTo(cs[0][base + 2 * j]);
            assertThat((double) cs[1][base + d / 2 + 2 * j]).isCloseTo(Math.sin(r * freq), org.assertj.core.data.Offset.offset(1e-7));
        }
        // a 12x12 grid uses exactly the angles of the same (row, column) in the native 16x16 grid
        float[][] nativeGrid = VisionRope.tables(16, 16, d, 10000.0);
        assertThat(java.util.Arrays.copyOfRange(nativeGrid[0], (r * 16 + c) * d, (r * 16 + c + 1) * d))
                .containsExactly(java.util.Arrays.copyOfRange(cs[0], base, base + d));
    }

    @Test
    void decoderTablesRepeatTheFrequenciesTwice() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray pos = m.create(new long[] {0, 3, 1000}).reshape(1, 3);
            NDArray[] cs = DecoderRope.tables(pos, 8, 1e6);
            assertThat(cs[0].getShape()).isEqualTo(new Shape(1, 1, 3, 8));
            float[] cos = cs[0].toFloatArray();
            for (int k = 0; k < 4; k++) {
                double angle = 1000 * Math.pow(1e6, -2.0 * k / 8);
                assertThat((double) cos[2 * 8 + k]).isCloseTo(Math.cos(angle), org.assertj.core.data.Offset.offset(2e-4));
                assertThat(cos[2 * 8 + k + 4]).isEqualTo(cos[2 * 8 + k]);
            }
        }
    }
}
