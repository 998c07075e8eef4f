package io.step3vl.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /** A plain double-precision AdamW, written from the formula, to check the NDArray version against. */
    private static void naiveStep(double[] p, double[] g, double[] m, double[] v, int t, double lr,
                                  AdamWConfig c, boolean decay) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            if (decay && c.mode() == WeightDecayMode.L2) {
                gi += c.weightDecay() * p[i];
            }
            m[i] = c.beta1() * m[i] + (1 - c.beta1()) * gi;
            v[i] = c.beta2() * v[i] + (1 - c.beta2()) * gi * gi;
            if (decay && c.mode() == WeightDecayMode.DECOUPLED) {
                p[i] -= lr * c.weightDecay() * p[i];
            }
            double mh = m[i] / (1 - Math.pow(c.beta1(), t));
            double vh = v[i] / (1 - Math.pow(c.beta2(), t));
            p[i] -= lr * mh / (Math.sqrt(vh) + c.eps());
        }
    }

    private void checkAgainstNaive(WeightDecayMode mode) {
        AdamWConfig config = new AdamWConfig(0.9, 0.95, 1e-8, 0.1, mode, false);
        Random rnd = new Random(7);
        int n = 12;
        double[] pw = new double[n];
        double[] pb = new double[4];
        for (int i = 0; i < n; i++) {
            pw[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < 4; i++) {
            pb[i] = rnd.nextGaussian();
        }
        double[] mw = new double[n];
        double[] vw = new double[n];
        double[] mb = new double[4];
        double[] vb = new double[4];
        try (NDManager manager = NDManager.newBaseManager(); AdamW opt = new AdamW(config, manager)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("model.layers.0.mlp.up_proj.weight", manager.create(toFloat(pw), new Shape(3, 4)));
            params.put("model.layers.0.input_layernorm.weight", manager.create(toFloat(pb), new Shape(4)));
            for (int t = 1; t <= 5; t++) {
                double[] gw = new double[n];
                double[] gb = new double[4];
                for (int i = 0; i < n; i++) {
                    gw[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < 4; i++) {
                    gb[i] = (float) rnd.nextGaussian();
                }
                Map<String, NDArray> grads = new LinkedHashMap<>();
                grads.put("model.layers.0.mlp.up_proj.weight", manager.create(toFloat(gw), new Shape(3, 4)));
                grads.put("model.layers.0.input_layernorm.weight", manager.create(toFloat(gb), new Shape(4)));
                double lr = 1e-2 * t;
                opt.update(params, grads, lr);
                naiveStep(pw, gw, mw, vw, t, lr, config, true);
                naiveStep(pb, gb, mb, vb, t, lr, config, false); // 1-D: never decayed by default
                grads.values().forEach(NDArray::close);
            }
            float[] gotW = params.get("model.layers.0.mlp.up_proj.weight").toFloatArray();
            float[] gotB = params.get("model.layers.0.input_layernorm.weight").toFloatArray();
            for (int i = 0; i < n; i++) {
                assertThat((double) gotW[i]).isCloseTo(pw[i], within(2e-5));
            }
            for (int i = 0; i < 4; i++) {
                assertThat((double) gotB[i]).isCloseTo(pb[i], within(2e-5));
            }
            assertThat(opt.step()).isEqualTo(5);
        }
    }

    @Test
    void decoupledMatchesTheFormula() {
        checkAgainstNaive(WeightDecayMode.DECOUPLED);
    }

    @Test
    void l2MatchesTheFormula() {
        checkAgainstNaive(WeightDecayMode.L2);
    }

    @Test
    void decayRulesSkipNormsBiasesAndEmbeddings() {
        AdamWConfig c = AdamWConfig.defaults();
        assertThat(c.decays("model.layers.0.self_attn.q_proj.weight", 2)).isTrue();
        assertThat(c.decays("vision_model.conv1.weight", 4)).isTrue();
        assertThat(c.decays("model.norm.weight", 1)).isFalse();
        assertThat(c.decays("vision_model.vit_downsampler1.bias", 1)).isFalse();
        assertThat(c.decays("model.embed_tokens.weight", 2)).isFalse();
        assertThat(c.decays("vision_model.positional_embedding", 2)).isFalse();
        AdamWConfig all = new AdamWConfig(0.9, 0.95, 1e-8, 0.01, WeightDecayMode.DECOUPLED, true);
        assertThat(all.decays("model.embed_tokens.weight", 2)).isTrue();
    }

    @Test
    void savedStateRestoresBitExactly() {
        AdamWConfig config = AdamWConfig.defaults();
        try (NDManager manager = NDManager.newBaseManager()) {
            Random rnd = new Random(3);
            float[] init = new float[6];
            for (int i = 0; i < 6; i++) {
                init[i] = (float) rnd.nextGaussian();
            }
            float[][] gradients = new float[4][6];
            for (float[] g : gradients) {
                for (int i = 0; i < 6; i++) {
                    g[i] = (float) rnd.nextGaussian();
                }
            }
            // straight: 4 steps
            Map<String, NDArray> straight = Map.of("w", manager.create(init.clone(), new Shape(2, 3)));
            try (AdamW opt = new AdamW(config, manager)) {
                for (float[] g : gradients) {
                    opt.update(straight, Map.of("w", manager.create(g, new Shape(2, 3))), 1e-2);
                }
            }
            // 2 steps, save, new optimiser, load, 2 more
            Map<String, NDArray> resumed = Map.of("w", manager.create(init.clone(), new Shape(2, 3)));
            Map<String, float[]> saved = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            long savedStep;
            try (AdamW opt = new AdamW(config, manager)) {
                for (int s = 0; s < 2; s++) {
                    opt.update(resumed, Map.of("w", manager.create(gradients[s], new Shape(2, 3))), 1e-2);
                }
                opt.state().forEach((k, a) -> {
                    saved.put(k, a.toFloatArray());
                    shapes.put(k, a.getShape().getShape());
                });
                savedStep = opt.step();
            }
            try (AdamW opt = new AdamW(config, manager)) {
                opt.load(saved, shapes, savedStep);
                for (int s = 2; s < 4; s++) {
                    opt.update(resumed, Map.of("w", manager.create(gradients[s], new Shape(2, 3))), 1e-2);
                }
            }
            assertThat(resumed.get("w").toFloatArray()).containsExactly(straight.get("w").toFloatArray());
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
