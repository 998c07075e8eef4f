package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.safetensors.SafetensorsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every golden case (shared/golden, copied into test resources) within its README's tolerance. */
class GoldenCasesTest {
    private static ModelRuntime runtime;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        runtime = ModelRuntime.cpu();
        manager = runtime.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_text_fp32", "e_text_sharded", "f_text_greedy"})
    void textForwardMatches(String caseName) {
        Path dir = Golden.dir(caseName);
        try (StepVLModel model = StepVLModel.load(dir, runtime, LoadOptions.all());
             SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"));
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"));
             NDManager step = manager.newSubManager();
             Trace trace = new Trace()) {
            NDArray ids = Golden.longs(step, in, "input_ids");
            NDArray pos = Golden.longs(step, in, "position_ids");
            NDArray logits = model.forward(ids, pos, null, trace);
            Golden.assertActivation("inputs_embeds", trace.get("inputs_embeds"), want);
            for (int l = 0; l < model.config().text().numHiddenLayers(); l++) {
                Golden.assertActivation("layer_" + l + "_out", trace.get("layer_" + l + "_out"), want);
            }
            Golden.assertActivation("final_hidden", trace.get("final_hidden"), want);
            Golden.assertClose("logits", logits, want, Golden.LOGIT_ATOL, Golden.LOGIT_RTOL);
        }
    }

    @Test
    void visionAndProjectorMatchAtBothSizes() {
        Path dir = Golden.dir("b_vision_projector_fp32");
        try (StepVLModel model = StepVLModel.load(dir, runtime, LoadOptions.visionOnly());
             SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"));
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"));
             NDManager step = manager.newSubManager();
             Trace trace = new Trace()) {
            for (String view : new String[] {"global", "local"}) {
                NDArray pixels = Golden.floats(step, in, "pixel_values_" + view);
                int grid = (int) pixels.getShape().get(2) / model.config().vision().patchSize();
                NDArray features = model.vision().forward(pixels, trace, view + ".");
                model.projector().forward(features, grid, grid, trace, view + ".");
                List<String> names = new ArrayList<>(List.of("patch_embed", "pos_embed", "embed_with_pos", "ln_pre_out",
                        "rope_cos", "rope_sin", "vision_out", "downsampler1_out", "downsampler2_out", "projector_out"));
                for (int i = 0; i < model.config().vision().layers(); i++) {
                    names.add("block_" + i + "_out");
                }
                for (String name : names) {
                    Golden.assertActivation(view + "." + name, trace.get(view + "." + name), want);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c_multimodal_fp32", "d_multimodal_bf16"})
    void multimodalForwardMatches(String caseName) {
        Path dir = Golden.dir(caseName);
        try (StepVLModel model = StepVLModel.load(dir, runtime, LoadOptions.all());
             SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"));
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"));
             NDManager step = manager.newSubManager();
             Trace trace = new Trace()) {
            ImageInputs images = new ImageInputs(Golden.floats(step, in, "pixel_values"),
                    Golden.floats(step, in, "patch_pixel_values"), in.readLong("num_patches"));
            NDArray logits = model.forward(Golden.longs(step, in, "input_ids"), Golden.longs(step, in, "position_ids"),
                    images, trace);
            for (String name : List.of("vision_out_global", "vision_out_crops", "projector_out_global",
                    "projector_out_crops", "image_features_merged", "inputs_embeds", "layer_0_out", "layer_1_out",
                    "final_hidden")) {
                Golden.assertActivation(name, trace.get(name), want);
            }
            Golden.assertClose("logits", logits, want, Golden.LOGIT_ATOL, Golden.LOGIT_RTOL);
        }
    }

    @Test
    void greedyDecodingWithFullRecomputationReproducesTheTokens() {
        Path dir = Golden.dir("f_text_greedy");
        try (StepVLModel model = StepVLModel.load(dir, runtime, LoadOptions.all());
             SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"));
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            List<Long> tokens = new ArrayList<>();
            for (long id : in.readLong("input_ids")) {
                tokens.add(id);
            }
            int prompt = tokens.size();
            float[] stepLogits = want.readFloat("greedy_step_logits");
            int vocab = model.config().text().vocabSize();
            for (int stepIndex = 0; stepIndex < 16; stepIndex++) {
                try (NDManager step = manager.newSubManager()) {
                    long[] ids = tokens.stream().mapToLong(Long::longValue).toArray();
                    NDArray idArray = step.create(ids).reshape(1, ids.length);
                    NDArray pos = step.arange(0, ids.length, 1, ai.djl.ndarray.types.DataType.INT64).reshape(1, ids.length);
                    NDArray logits = model.forward(idArray, pos, null, null);
                    float[] last = logits.get(new NDIndex("0, -1, :")).toFloatArray();
                    for (int v = 0; v < vocab; v++) {
                        float expected = stepLogits[stepIndex * vocab + v];
                        assertThat((double) Math.abs(last[v] - expected)).as("step %d logit %d", stepIndex, v)
                                .isLessThanOrEqualTo(1e-3 + 1e-3 * Math.abs(expected));
                    }
                    tokens.add((long) argmax(last));
                }
            }
            long[] generated = tokens.subList(prompt, tokens.size()).stream().mapToLong(Long::longValue).toArray();
            assertThat(generated).containsExactly(want.readLong("greedy_tokens"));
        }
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
