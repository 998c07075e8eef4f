package io.step3vl.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class TokenLossTest {

    @Test
    void matchesAHandComputedCrossEntropyOverTheMask() {
        float[] logits = {
            1f, 2f, 3f, // position 0
            0f, 0f, 0f, // position 1 (masked out)
            2f, -1f, 0.5f, // position 2
        };
        long[] targets = {2, 1, 0};
        float[] mask = {1, 0, 1};
        double expected0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double expected2 = -(2 - Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(logits, new Shape(1, 3, 3));
            NDArray t = m.create(targets, new Shape(1, 3));
            NDArray k = m.create(mask, new Shape(1, 3));
            assertThat((double) TokenLoss.maskedMean(l, t, k).getFloat())
                    .isCloseTo((expected0 + expected2) / 2, within(1e-6));
            assertThat((double) TokenLoss.maskedNllSum(l, t, k).getFloat())
                    .isCloseTo(expected0 + expected2, within(1e-6));
            float[] lp = TokenLoss.targetLogprobs(l, t).toFloatArray();
            assertThat((double) lp[1]).isCloseTo(-Math.log(3), within(1e-6));
        }
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOnTrainedPositionsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(new float[] {1f, 2f, 3f, 0.5f, 0.5f, 0.5f}, new Shape(1, 2, 3));
            l.setRequiresGradient(true);
            NDArray t = m.create(new long[] {0, 1}, new Shape(1, 2));
            NDArray k = m.create(new float[] {1, 0}, new Shape(1, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(TokenLoss.maskedMean(l, t, k));
            }
            float[] g = l.getGradient().toFloatArray();
            double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
            assertThat((double) g[0]).isCloseTo(Math.exp(1) / z - 1, within(1e-6));
            assertThat((double) g[2]).isCloseTo(Math.exp(3) / z, within(1e-6));
            assertThat(g[3]).isZero();
            assertThat(g[4]).isZero();
        }
    }
}
