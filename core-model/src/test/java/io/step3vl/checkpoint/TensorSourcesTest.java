package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.Tensor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL arrays saved as checkpoint weights and optimiser state, read back bit for bit. */
class TensorSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void ndArraysRoundTripThroughACheckpoint() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray weight = manager.arange(24f).reshape(2, 3, 4).div(7f);     // (2, 3, 4)
            NDArray transposed = manager.arange(6f).reshape(2, 3).transpose();  // (3, 2), not contiguous
            NDArray ids = manager.create(new long[] {3, -1, Long.MAX_VALUE});     // (3,)
            NDArray half = manager.create(new float[] {0.5f, -2f, 65504f}).toType(DataType.FLOAT16, false);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("model.a.weight", weight);
            params.put("model.t.weight", transposed);
            params.put("model.ids", ids);
            params.put("model.h.weight", half);
            Map<String, NDArray> moments = Map.of("m.model.a.weight", weight.mul(2));

            Path dir = CheckpointWriter.create().config(TestCheckpoints.config())
                    .weights(TensorSources.fromNDArrays(params))
                    .trainerState(TrainerState.of(1, 1, 1), TensorSources.fromNDArrays(moments))
                    .provenance(Provenance.of("test").withCreated(Instant.EPOCH)).writeTo(tmp.resolve("djl"));

            try (var store = CheckpointReader.open(dir).openWeights()) {
                assertThat(store.info("model.a.weight").shape()).containsExactly(2, 3, 4);
                assertThat(store.readFloat("model.a.weight")).containsExactly(weight.toFloatArray());
                assertThat(store.info("model.t.weight").shape()).containsExactly(3, 2);
                assertThat(store.readFloat("model.t.weight")).containsExactly(0f, 3f, 1f, 4f, 2f, 5f);
                assertThat(store.info("model.ids").dtype()).isEqualTo(DType.I64);
                assertThat(store.readLong("model.ids")).containsExactly(3, -1, Long.MAX_VALUE);
                assertThat(store.info("model.h.weight").dtype()).isEqualTo(DType.F16);
                assertThat(store.readFloat("model.h.weight")).containsExactly(0.5f, -2f, 65504f);
            }
            try (SafetensorsFile opt = CheckpointReader.open(dir).openOptimizerTensors()) {
                assertThat(opt.readFloat("m.model.a.weight")).containsExactly(weight.mul(2).toFloatArray());
            }
        }
    }

    @Test
    void float64IsKeptAndOnlyFloatingTensorsAreCast() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray doubles = manager.create(new Shape(2), DataType.FLOAT32).toType(DataType.FLOAT64, false);
            assertThat(TensorSources.fromNDArray("d", doubles).dtype()).isEqualTo(DType.F64);
        }
        assertThatThrownBy(() -> TensorSources.castFloating(Map.of("x", Tensor.f32(new float[] {1}, 1)), DType.I32))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Tensor> mixed = TensorSources.castFloating(
                Map.of("f", Tensor.f32(new float[] {1.5f}, 1), "i", Tensor.i64(new long[] {7}, 1)), DType.F16);
        assertThat(mixed.get("f").dtype()).isEqualTo(DType.F16);
        assertThat(mixed.get("i").dtype()).isEqualTo(DType.I64);
    }
}
