package io.step3vl.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.runtime.Engines;
import io.step3vl.model.runtime.Precision;
import org.junit.jupiter.api.Test;

class AttentionTest {
    @Test
    void queryBlocksGiveTheSameResultAsOneBlockAndAsTheNaiveFormula() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            int views = 2;
            int heads = 3;
            int s = 100;
            int d = 8;
            NDArray q = m.randomNormal(new Shape(views, heads, s, d));
            NDArray k = m.randomNormal(new Shape(views, heads, s, d));
            NDArray v = m.randomNormal(new Shape(views, heads, s, d));
            double scale = 1 / Math.sqrt(d);
            float[] whole = Attention.attend(q, k, v, null, scale, Precision.FP32).toFloatArray();
            float[] blocked = Attention.attend(q, k, v, null, scale, Precision.FP32, 2000).toFloatArray(); // 16-row blocks
            float[] qa = q.toFloatArray();
            float[] ka = k.toFloatArray();
            float[] va = v.toFloatArray();
            for (int vh = 0; vh < views * heads; vh++) {
                for (int i = 0; i < s; i++) {
                    double[] w = new double[s];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += qa[(vh * s + i) * d + c] * ka[(vh * s + j) * d + c];
                        }
                        w[j] = dot * scale;
                        max = Math.max(max, w[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < s; j++) {
                        w[j] = Math.exp(w[j] - max);
                        sum += w[j];
                    }
                    for (int c = 0; c < d; c++) {
                        double out = 0;
                        for (int j = 0; j < s; j++) {
                            out += w[j] / sum * va[(vh * s + j) * d + c];
                        }
                        int at = (vh * s + i) * d + c;
                        assertThat((double) whole[at]).isCloseTo(out, within(1e-5));
                        assertThat(blocked[at]).isCloseTo(whole[at], within(1e-6f));
                    }
                }
            }
        }
    }
}
