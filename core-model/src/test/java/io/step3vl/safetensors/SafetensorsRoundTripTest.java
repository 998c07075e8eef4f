package io.step3vl.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeRoundTrips() {
        Map<String, Tensor> data = new LinkedHashMap<>();
        data.put("f32", Tensor.f32(new float[] {1.5f, -2f, 3.25f, 0f, 7f, 8f}, 2, 3));
        data.put("bf16", Tensor.bf16(new float[] {1f, -0.5f, 3f}, 3));
        data.put("f16", Tensor.f16(new float[] {0.25f, 65504f}, 2));
        data.put("f64", Tensor.f64(new double[] {Math.PI}, 1));
        data.put("i64", Tensor.i64(new long[] {Long.MIN_VALUE, 5, Long.MAX_VALUE}, 3));
        data.put("i32", Tensor.i32(new int[] {-7, 9}, 1, 2));
        data.put("u8", Tensor.u8(new byte[] {(byte) 255, 3}, 2));
        data.put("bool", Tensor.bool(new boolean[] {true, false, true}, 3));
        data.put("scalar", Tensor.f32(new float[] {42f}));
        data.put("empty", Tensor.f32(new float[0], 0, 4));
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, data, Map.of("note", "hello"));

        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.metadata()).containsEntry("format", "pt").containsEntry("note", "hello");
            assertThat(f.names()).containsExactlyInAnyOrderElementsOf(data.keySet());
            assertThat(f.info("f32").shape()).containsExactly(2, 3);
            assertThat(f.info("scalar").shape()).isEmpty();
            assertThat(f.readFloat("f32")).containsExactly(1.5f, -2f, 3.25f, 0f, 7f, 8f);
            assertThat(f.readFloat("bf16")).containsExactly(1f, -0.5f, 3f);
            assertThat(f.readFloat("f16")).containsExactly(0.25f, 65504f);
            assertThat(f.readFloat("f64")).containsExactly((float) Math.PI);
            assertThat(f.readLong("i64")).containsExactly(Long.MIN_VALUE, 5, Long.MAX_VALUE);
            assertThat(f.readLong("i32")).containsExactly(-7, 9);
            assertThat(f.readLong("u8")).containsExactly(255, 3);
            assertThat(f.readLong("bool")).containsExactly(1, 0, 1);
            assertThat(f.readFloat("scalar")).containsExactly(42f);
            assertThat(f.readFloat("empty")).isEmpty();
            assertThat(f.bytes("i32").isReadOnly()).isTrue();
            assertThat(f.bytes("i32").order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThatThrownBy(() -> f.readLong("f32")).isInstanceOf(UserError.class)
                    .hasMessageContaining("'f32'").hasMessageContaining("integer");
            assertThatThrownBy(() -> f.readFloat("i64")).isInstanceOf(UserError.class).hasMessageContaining("'i64'");
            assertThatThrownBy(() -> f.info("nope")).isInstanceOf(UserError.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("'nope'");
        }
    }

    @Test
    void headerIsAlignedSpacePaddedAndTensorsAlignedToTheirElementSize() throws Exception {
        Map<String, Tensor> data = new LinkedHashMap<>();
        data.put("odd_bf16", Tensor.bf16(new float[] {1f, 2f, 3f}, 3));
        data.put("f32", Tensor.f32(new float[] {1f}, 1));
        data.put("u8", Tensor.u8(new byte[] {1}, 1));
        data.put("i64", Tensor.i64(new long[] {1}, 1));
        Path file = dir.resolve("aligned.safetensors");
        SafetensorsWriter.write(file, data, Map.of());
        byte[] raw = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"pt\"}");
        assertThat(header.stripTrailing()).endsWith("}");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                assertThat(t.begin() % t.dtype().byteSize()).as(t.name()).isZero();
            }
            assertThat(f.readFloat("odd_bf16")).containsExactly(1f, 2f, 3f);
        }
    }

    @Test
    void writeIsAtomicAndReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(file, Map.of("a", Tensor.f32(new float[] {1f}, 1)), Map.of());
        SafetensorsWriter.write(file, Map.of("b", Tensor.f32(new float[] {2f}, 1)), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.names()).containsExactly("b");
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("w.safetensors");
        }
    }

    @Test
    void aFailingLazyTensorLeavesNoFileBehind() throws Exception {
        Path file = dir.resolve("fail.safetensors");
        Tensor broken = Tensor.lazy(DType.F32, new long[] {2}, () -> { throw new IllegalStateException("boom"); });
        assertThatThrownBy(() -> SafetensorsWriter.write(file, Map.of("x", broken), Map.of()))
                .hasMessageContaining("boom");
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void tensorFactoriesCheckShapes() {
        assertThatThrownBy(() -> Tensor.f32(new float[3], 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.of(DType.I64, new long[] {2}, ByteBuffer.allocate(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
