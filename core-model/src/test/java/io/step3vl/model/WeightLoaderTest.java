package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.step3vl.common.UserError;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.HalfFloats;
import io.step3vl.safetensors.SafetensorsWriter;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightLoaderTest {
    private static final ModelConfig CONFIG = Presets.get("tiny");
    private static final WeightLayout LAYOUT = WeightLayout.of(CONFIG);
    private static ModelRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        runtime = ModelRuntime.cpu();
    }

    private Path write(String name, Map<String, Tensor> tensors) {
        Path file = dir.resolve(name);
        SafetensorsWriter.write(file, tensors, Map.of());
        return file;
    }

    @Test
    void reportsMissingUnexpectedAndMisShapedTensorsTogether() {
        Map<String, Tensor> t = new LinkedHashMap<>(WeightInit.tensors(CONFIG, 1, DType.F32));
        t.remove("lm_head.weight");
        t.remove("vision_model.ln_pre.bias");
        t.put("model.layers.0.self_attn.rotary_emb.inv_freq", Tensor.f32(new float[16], 16));
        t.put("model.norm.weight", Tensor.f32(new float[7], 7));
        Path file = write("bad.safetensors", t);
        try (TensorStore store = TensorStore.open(file); NDManager m = runtime.newManager()) {
            assertThatThrownBy(() -> WeightLoader.load(store, LAYOUT, m, Precision.FP32, LoadOptions.all(), file.toString()))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("2 missing: vision_model.ln_pre.bias, lm_head.weight")
                    .hasMessageContaining("1 unexpected")
                    .hasMessageContaining("model.layers.0.self_attn.rotary_emb.inv_freq")
                    .hasMessageContaining("1 mis-shaped: model.norm.weight [7] (expected [128])");
        }
    }

    @Test
    void unexpectedTensorsCanBeIgnored() {
        Map<String, Tensor> t = new LinkedHashMap<>(WeightInit.tensors(CONFIG, 1, DType.F32));
        t.put("extra.buffer", Tensor.f32(new float[3], 3));
        Path file = write("extra.safetensors", t);
        try (TensorStore store = TensorStore.open(file); NDManager m = runtime.newManager()) {
            assertThatThrownBy(() -> WeightLoader.load(store, LAYOUT, m, Precision.FP32, LoadOptions.all(), "x"))
                    .hasMessageContaining("extra.buffer");
            try (Parameters p = WeightLoader.load(store, LAYOUT, m.newSubManager(), Precision.FP32,
                    LoadOptions.all().ignoringUnexpected(), "x")) {
                assertThat(p.names()).containsExactlyElementsOf(LAYOUT.entries().keySet());
                assertThat(p.parameterCount()).isEqualTo(LAYOUT.parameterCount());
            }
        }
    }

    @Test
    void halfPrecisionCheckpointsUpcastExactlyAndRowBlocksMatchWholeTensors() {
        Path f32 = write("f32.safetensors", WeightInit.tensors(CONFIG, 9, DType.F32));
        Path bf16 = write("bf16.safetensors", WeightInit.tensors(CONFIG, 9, DType.BF16));
        Path f16 = write("f16.safetensors", WeightInit.tensors(CONFIG, 9, DType.F16));
        try (TensorStore s32 = TensorStore.open(f32); TensorStore sb = TensorStore.open(bf16);
             TensorStore sh = TensorStore.open(f16); NDManager m = runtime.newManager();
             Parameters whole = WeightLoader.load(s32, LAYOUT, m.newSubManager(), Precision.FP32, LoadOptions.all(), "f32");
             Parameters blocks = WeightLoader.load(s32, LAYOUT, m.newSubManager(), Precision.FP32, LoadOptions.all(), "f32", 4096);
             Parameters fromBf16 = WeightLoader.load(sb, LAYOUT, m.newSubManager(), Precision.FP32, LoadOptions.all(), "bf16");
             Parameters fromF16 = WeightLoader.load(sh, LAYOUT, m.newSubManager(), Precision.FP32, LoadOptions.all(), "f16")) {
            for (String name : LAYOUT.entries().keySet()) {
                float[] expected = s32.readFloat(name);
                assertThat(Arrays.equals(whole.get(name).toFloatArray(), expected)).as(name).isTrue();
                assertThat(Arrays.equals(blocks.get(name).toFloatArray(), expected)).as(name).isTrue();
                float[] roundedBf16 = new float[expected.length];
                float[] roundedF16 = new float[expected.length];
                for (int i = 0; i < expected.length; i++) {
                    roundedBf16[i] = HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(expected[i]));
                    roundedF16[i] = HalfFloats.f16ToFloat(HalfFloats.floatToF16(expected[i]));
                }
                assertThat(Arrays.equals(fromBf16.get(name).toFloatArray(), roundedBf16)).as(name).isTrue();
                assertThat(Arrays.equals(fromF16.get(name).toFloatArray(), roundedF16)).as(name).isTrue();
            }
        }
    }

    @Test
    void visionOnlyLoadsTheTowerAndProjector() {
        Path file = write("all.safetensors", WeightInit.tensors(CONFIG, 2, DType.F32));
        try (TensorStore store = TensorStore.open(file); NDManager m = runtime.newManager();
             Parameters p = WeightLoader.load(store, LAYOUT, m.newSubManager(), Precision.FP32, LoadOptions.visionOnly(), "x")) {
            assertThat(p.names()).allMatch(n -> n.startsWith("vision_model.") || n.startsWith("vit_large_projector"));
            assertThat(p.parameterCount()).isEqualTo(LAYOUT.parameterCount(WeightLayout.Component.VISION)
                    + LAYOUT.parameterCount(WeightLayout.Component.PROJECTOR));
        }
    }

    @Test
    void fp16ComputeKeepsNormsInFp32() {
        assertThat(WeightLoader.targetType(WeightLayout.Kind.NORM_WEIGHT, Precision.FP16))
                .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
        assertThat(WeightLoader.targetType(WeightLayout.Kind.LAYER_SCALE, Precision.FP16))
                .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
        assertThat(WeightLoader.targetType(WeightLayout.Kind.WEIGHT, Precision.FP16))
                .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT16);
    }
}
