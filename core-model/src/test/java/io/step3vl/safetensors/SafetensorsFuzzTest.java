package io.step3vl.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.step3vl.common.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed, truncated and lying files must be a {@link UserError} naming the file — never a crash. */
class SafetensorsFuzzTest {
    @TempDir
    Path dir;

    private byte[] validFile() throws Exception {
        Map<String, Tensor> data = new LinkedHashMap<>();
        data.put("weight", Tensor.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        data.put("ids", Tensor.i64(new long[] {7, 8}, 2));
        data.put("half", Tensor.bf16(new float[] {1, 2, 3}, 3));
        data.put("mask", Tensor.bool(new boolean[] {true}, 1));
        Path file = dir.resolve("valid.safetensors");
        SafetensorsWriter.write(file, data, Map.of());
        return Files.readAllBytes(file);
    }

    /** Opens {@code bytes} and reads every tensor; only UserError may escape. Returns whether it opened. */
    private boolean openAndReadAll(byte[] bytes, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                if (t.dtype().isFloating()) {
                    assertThat(f.readFloat(t.name())).hasSize((int) t.elementCount());
                } else {
                    assertThat(f.readLong(t.name())).hasSize((int) t.elementCount());
                }
            }
            return true;
        } catch (UserError e) {
            assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            return false;
        } catch (Throwable t) {
            fail("not a UserError for " + name + ": " + t, t);
            return false;
        }
    }

    @Test
    void everyTruncationIsRejected() throws Exception {
        byte[] valid = validFile();
        for (int len = 0; len < valid.length; len++) {
            assertThat(openAndReadAll(Arrays.copyOf(valid, len), "trunc.safetensors"))
                    .as("truncated to %d of %d bytes", len, valid.length).isFalse();
        }
        assertThat(openAndReadAll(valid, "whole.safetensors")).isTrue();
    }

    @Test
    void randomByteFlipsInHeaderNeverCrash() throws Exception {
        byte[] valid = validFile();
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random random = new Random(1234);
        int rejected = 0;
        for (int trial = 0; trial < 1500; trial++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int pos = random.nextInt(headerEnd);
                bytes[pos] = (byte) (bytes[pos] ^ (1 + random.nextInt(255)));
            }
            if (!openAndReadAll(bytes, "flip.safetensors")) {
                rejected++;
            }
        }
        assertThat(rejected).as("most header corruptions are detectable").isGreaterThan(1000);
    }

    @Test
    void randomGarbageIsRejected() throws Exception {
        Random random = new Random(99);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertThat(openAndReadAll(bytes, "garbage.safetensors")).isFalse();
        }
    }

    private Path fileWithHeader(String json, int dataBytes) throws Exception {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Path file = dir.resolve("lie.safetensors");
        Files.write(file, b.array());
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        offset past end     | {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}                     | 8  | 'w'
        shape too big       | {"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}                      | 8  | 'w'
        shape too small     | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}                      | 8  | 'w'
        wrong dtype size    | {"w":{"dtype":"I64","shape":[2],"data_offsets":[0,8]}}                      | 8  | 'w'
        unknown dtype       | {"w":{"dtype":"F8_E4M3","shape":[8],"data_offsets":[0,8]}}                  | 8  | F8_E4M3
        dtype not string    | {"w":{"dtype":4,"shape":[2],"data_offsets":[0,8]}}                          | 8  | 'w'
        end before begin    | {"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}                      | 8  | 'w'
        negative offset     | {"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}                     | 8  | 'w'
        three offsets       | {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}                    | 8  | 'w'
        missing offsets     | {"w":{"dtype":"F32","shape":[2]}}                                           | 8  | 'w'
        negative dim        | {"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}                     | 8  | 'w'
        fractional dim      | {"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}                    | 8  | 'w'
        overflowing shape   | {"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}  | 8  | 'w'
        huge offset         | {"w":{"dtype":"U8","shape":[8],"data_offsets":[0,99999999999999999999]}}    | 8  | 'w'
        overlap             | {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}} | 12 | overlap
        duplicate name      | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}  | 8  | 'a'
        entry not object    | {"w":[1,2]}                                                                 | 8  | 'w'
        metadata not map    | {"__metadata__":"pt"}                                                       | 0  | __metadata__
        metadata value num  | {"__metadata__":{"format":1}}                                               | 0  | format
        header is array     | [1,2,3]                                                                     | 0  | JSON object
        malformed json      | {"w":{"dtype":"F32",                                                        | 0  | JSON
        """)
    void lyingHeadersAreRejectedNamingTheFileAndTensor(String what, String json, int dataBytes, String mentions)
            throws Exception {
        Path file = fileWithHeader(json.strip(), dataBytes);
        assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .as(what)
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(mentions.strip());
    }

    @Test
    void headerLengthLiesAreRejected() throws Exception {
        byte[] valid = validFile();
        for (long lie : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, valid.length, valid.length - 7,
                HeaderParser.MAX_HEADER_BYTES + 1}) {
            byte[] bytes = valid.clone();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lie);
            assertThat(openAndReadAll(bytes, "len.safetensors")).as("length %d", lie).isFalse();
        }
    }

    @Test
    void invalidUtf8HeaderIsRejected() throws Exception {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        assertThat(openAndReadAll(b.array(), "utf8.safetensors")).isFalse();
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("absent.safetensors");
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("absent.safetensors");
    }
}
