package io.step3vl.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradClipTest {
    @Test
    void clipsTheGlobalNormAcrossAllTensors() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            grads.put("a", m.create(new float[] {3, 0}));
            grads.put("b", m.create(new float[] {0, 4}));
            double norm = GradClip.clip(grads, 1.0);
            assertThat(norm).isCloseTo(5.0, within(1e-9));
            assertThat(GradClip.globalNorm(grads)).isCloseTo(1.0, within(1e-5));
            assertThat(grads.get("a").getFloat(0)).isCloseTo(0.6f, within(1e-5f));
        }
    }

    @Test
    void leavesSmallGradientsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> grads = Map.of("a", m.create(new float[] {0.3f, 0.4f}));
            assertThat(GradClip.clip(grads, 1.0)).isCloseTo(0.5, within(1e-6));
            assertThat(grads.get("a").toFloatArray()).containsExactly(0.3f, 0.4f);
        }
    }
}
