package io.step3vl.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader accepts the golden generator's files, and what the writer re-emits reads back identically. */
class GoldenFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGoldenTextCase() {
        try (TensorStore store = TensorStore.open(TestFiles.resource("golden/a_text_fp32"));
             SafetensorsFile inputs = SafetensorsFile.open(TestFiles.resource("golden/a_text_fp32/inputs.safetensors"))) {
            assertThat(store.metadata()).containsEntry("format", "pt");
            TensorInfo embed = store.info("model.embed_tokens.weight");
            assertThat(embed.dtype()).isEqualTo(DType.F32);
            assertThat(embed.shape()).containsExactly(320, 64);
            assertThat(store.readFloat("model.embed_tokens.weight")).hasSize(320 * 64);
            assertThat(inputs.info("input_ids").shape()).containsExactly(1, 24);
            assertThat(inputs.readLong("position_ids")).containsExactly(
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
        }
    }

    @Test
    void bf16CheckpointUpcastsExactlyToTheFp32OnesRounding() {
        try (TensorStore bf16 = TensorStore.open(TestFiles.resource("golden/d_multimodal_bf16"));
             TensorStore fp32 = TensorStore.open(TestFiles.resource("golden/c_multimodal_fp32"))) {
            String name = "model.layers.0.self_attn.q_proj.weight";
            assertThat(bf16.info(name).dtype()).isEqualTo(DType.BF16);
            float[] up = bf16.readFloat(name);
            float[] full = fp32.readFloat(name);
            assertThat(up).hasSameSizeAs(full);
            for (int i = 0; i < up.length; i++) {
                assertThat(up[i]).isEqualTo(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(full[i])));
            }
        }
    }

    @Test
    void shardedStoreMatchesTheSingleFile() {
        try (TensorStore sharded = TensorStore.open(TestFiles.resource("golden/e_text_sharded"));
             TensorStore single = TensorStore.open(TestFiles.resource("golden/a_text_fp32"))) {
            assertThat(sharded.files()).hasSize(2);
            assertThat(sharded.names()).containsExactlyInAnyOrderElementsOf(single.names());
            for (String name : single.names()) {
                assertThat(sharded.readFloat(name)).as(name).containsExactly(single.readFloat(name));
                assertThat(sharded.info(name).shape()).containsExactly(single.info(name).shape());
            }
            assertThat(sharded.metadata()).containsKey("total_size");
        }
    }

    @Test
    void rewritingAGoldenFileReproducesEveryTensor() {
        Path copy = dir.resolve("copy.safetensors");
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/c_multimodal_fp32/inputs.safetensors"))) {
            Map<String, Tensor> data = new java.util.LinkedHashMap<>();
            golden.tensors().values().forEach(t -> data.put(t.name(), Tensor.of(t.dtype(), t.shape(), golden.bytes(t.name()))));
            SafetensorsWriter.write(copy, data, golden.metadata());
            try (SafetensorsFile back = SafetensorsFile.open(copy)) {
                assertThat(back.names()).containsExactlyInAnyOrderElementsOf(golden.names());
                for (String n : golden.names()) {
                    assertThat(back.bytes(n)).as(n).isEqualTo(golden.bytes(n));
                    assertThat(back.info(n).dtype()).isEqualTo(golden.info(n).dtype());
                }
            }
        }
    }
}
