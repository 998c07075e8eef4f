package io.step3vl.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorStoreTest {
    @TempDir
    Path dir;

    private void shard(String file, String... names) {
        Map<String, Tensor> data = new java.util.LinkedHashMap<>();
        for (String n : names) {
            data.put(n, Tensor.f32(new float[] {n.length()}, 1));
        }
        SafetensorsWriter.write(dir.resolve(file), data, Map.of());
    }

    private void index(String json) throws Exception {
        Files.writeString(dir.resolve(TensorStore.INDEX_FILE), json);
    }

    @Test
    void followsTheIndexWhateverTheShardsAreCalled() throws Exception {
        shard("model-00001.safetensors", "a", "bb");
        shard("weights-two.safetensors", "ccc");
        index("{\"metadata\":{\"total_size\":12},\"weight_map\":{\"a\":\"model-00001.safetensors\","
                + "\"bb\":\"model-00001.safetensors\",\"ccc\":\"weights-two.safetensors\"}}");
        try (TensorStore store = TensorStore.open(dir)) {
            assertThat(store.names()).containsExactly("a", "bb", "ccc");
            assertThat(store.readFloat("ccc")).containsExactly(3f);
            assertThat(store.metadata()).containsEntry("total_size", "12");
        }
    }

    @Test
    void indexWinsOverASingleFileAndStrayShardsAreIgnored() throws Exception {
        shard("model.safetensors", "stale");
        shard("s1.safetensors", "fresh");
        shard("model-00002-of-00002.safetensors", "unlisted");
        index("{\"weight_map\":{\"fresh\":\"s1.safetensors\"}}");
        try (TensorStore store = TensorStore.open(dir)) {
            assertThat(store.names()).containsExactly("fresh");
        }
    }

    @Test
    void reportsEveryIndexProblemAtOnce() throws Exception {
        shard("s1.safetensors", "a");
        index("{\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"s1.safetensors\",\"c\":\"gone.safetensors\","
                + "\"d\":\"../escape.safetensors\",\"e\":7}}");
        assertThatThrownBy(() -> TensorStore.open(dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(TensorStore.INDEX_FILE)
                .hasMessageContaining("weight_map.b: not in shard s1.safetensors")
                .hasMessageContaining("'gone.safetensors': file is missing")
                .hasMessageContaining("'../escape.safetensors'")
                .hasMessageContaining("weight_map.e");
    }

    @Test
    void corruptShardIsNamed() throws Exception {
        Files.write(dir.resolve("bad.safetensors"), new byte[] {1, 2, 3});
        index("{\"weight_map\":{\"a\":\"bad.safetensors\"}}");
        assertThatThrownBy(() -> TensorStore.open(dir)).isInstanceOf(UserError.class)
                .hasMessageContaining("bad.safetensors").hasMessageContaining("truncated");
    }

    @Test
    void emptyDirectoryAndMissingPathAreUserErrors() {
        assertThatThrownBy(() -> TensorStore.open(dir)).isInstanceOf(UserError.class)
                .hasMessageContaining("no model.safetensors");
        assertThatThrownBy(() -> TensorStore.open(dir.resolve("nope"))).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> {
            shard("one.safetensors", "x");
            try (TensorStore s = TensorStore.open(dir.resolve("one.safetensors"))) {
                s.readFloat("y");
            }
        }).isInstanceOf(UserError.class).hasMessageContaining("'y'");
    }
}
