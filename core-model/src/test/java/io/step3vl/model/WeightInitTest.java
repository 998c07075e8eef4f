package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import org.junit.jupiter.api.Test;

class WeightInitTest {
    private static final ModelConfig TINY = Presets.get(Presets.TINY);

    @Test
    void weightsScaleWithTheirFanInAndEmbeddingsKeepHfsRange() {
        assertThat(std("model.layers.0.mlp.down_proj.weight")).isCloseTo(1 / Math.sqrt(384), within(0.002));
        assertThat(std("model.layers.0.self_attn.q_proj.weight")).isCloseTo(1 / Math.sqrt(128), within(0.003));
        assertThat(std(WeightLayout.VISION + "conv1.weight")).isCloseTo(1 / Math.sqrt(3 * 14 * 14), within(0.002));
        assertThat(std(WeightLayout.VISION + "vit_downsampler2.weight")).isCloseTo(1 / Math.sqrt(128 * 9), within(0.001));
        assertThat(std("model.embed_tokens.weight")).isCloseTo(WeightInit.STD, within(0.001));
    }

    @Test
    void normsStartAtOneAndBiasesAtZero() {
        assertThat(values("model.norm.weight")).containsOnly(1f);
        assertThat(values(WeightLayout.VISION + "vit_downsampler1.bias")).containsOnly(0f);
    }

    private static float[] values(String name) {
        WeightLayout.Entry entry = WeightLayout.of(TINY).entries().get(name);
        assertThat(entry).as(name).isNotNull();
        return WeightInit.values(TINY, 1, name, entry);
    }

    private static double std(String name) {
        float[] v = values(name);
        double sum = 0;
        double squares = 0;
        for (float x : v) {
            sum += x;
            squares += x * (double) x;
        }
        double mean = sum / v.length;
        return Math.sqrt(squares / v.length - mean * mean);
    }
}
