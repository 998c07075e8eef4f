package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multimodal forward trains: every parameter gets a finite, non-zero gradient, and gradients are right. */
class AutogradTest {
    private static final String[] PROBES = {"model.norm.weight", "vision_model.ln_pre.weight",
        "vision_model.transformer.resblocks.0.ls_2.gamma", "vit_large_projector.weight", "vision_model.positional_embedding"};

    /** Mean squared logit: a smooth scalar touching every parameter through the merged image features. */
    private static NDArray loss(StepVLModel model, TinyInputs in) {
        NDArray logits = model.forward(in.ids, in.positions, in.images, null);
        return logits.square().mean();
    }

    @Test
    void everyParameterGetsAGradientMatchingFiniteDifferences() {
        ModelConfig config = Presets.get("tiny");
        ModelRuntime runtime = ModelRuntime.cpu();
        try (NDManager m = runtime.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 3, m.newSubManager(), Precision.FP32),
                     Precision.FP32)) {
            // a crop changes the crop grid's pos-emb resize path too
            TinyInputs in = new TinyInputs(m, config, 1, 5);
            model.parameters().requireGradients(true);
            float lossValue;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = loss(model, in);
                lossValue = loss.getFloat();
                collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> e : model.parameters().asMap().entrySet()) {
                float[] g = e.getValue().getGradient().toFloatArray();
                double norm = 0;
                for (float v : g) {
                    assertThat(Float.isFinite(v)).as(e.getKey()).isTrue();
                    norm += v * v;
                }
                assertThat(norm).as("gradient of %s", e.getKey()).isGreaterThan(0);
            }
            // probe each parameter's element with the largest gradient, so the finite difference resolves it
            Map<String, Integer> probeAt = new java.util.HashMap<>();
            Map<String, Float> autogradAt = new java.util.HashMap<>();
            for (String name : PROBES) {
                float[] g = model.parameters().get(name).getGradient().toFloatArray();
                int best = 0;
                for (int i = 1; i < g.length; i++) {
                    best = Math.abs(g[i]) > Math.abs(g[best]) ? i : best;
                }
                probeAt.put(name, best);
                autogradAt.put(name, g[best]);
            }
            model.parameters().requireGradients(false);
            for (String name : PROBES) {
                NDArray p = model.parameters().get(name);
                float autograd = autogradAt.get(name);
                NDIndex at = elementIndex(p.getShape().getShape(), probeAt.get(name));
                float original = p.get(at).getFloat();
                double h = 1e-2;
                p.set(at, original + h);
                double up = loss(model, in).getFloat();
                p.set(at, original - h);
                double down = loss(model, in).getFloat();
                p.set(at, original);
                double numeric = (up - down) / (2 * h);
                // FP32 losses resolve differences of about one ulp, so the quotient resolves ulp / h
                double resolution = 2 * Math.ulp(lossValue) / h;
                assertThat((double) autograd).as("d loss / d %s[%s] (loss %s)", name, at, lossValue)
                        .isCloseTo(numeric, within(0.05 * Math.abs(numeric) + resolution));
            }
        }
    }

    /** The NDIndex of a row-major flat position. */
    private static NDIndex elementIndex(long[] shape, long flat) {
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = flat % shape[d];
            flat /= shape[d];
        }
        return new NDIndex(java.util.Arrays.stream(at).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",")));
    }
}
