package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.model.WeightInit;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {
    @TempDir
    Path tmp;

    private static Provenance provenance() {
        return Provenance.of("test").withCreated(Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static CheckpointWriter minimal() {
        return CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .provenance(provenance());
    }

    @Test
    void singleFileCheckpointRoundTrips() {
        Path dir = minimal().writeTo(tmp.resolve("ckpt"));

        assertThat(dir.resolve("model.safetensors")).isRegularFile();
        assertThat(dir.resolve("model.safetensors.index.json")).doesNotExist();
        CheckpointReader ckpt = CheckpointReader.open(dir);
        assertThat(ckpt.config()).isEqualTo(TestCheckpoints.config());
        assertThat(ckpt.isResumable()).isFalse();
        assertThat(ckpt.provenance()).isPresent();
        assertThat(ckpt.provenance().get().provenance()).isEqualTo(provenance());
        try (TensorStore store = ckpt.openWeights()) {
            assertThat(store.names()).containsExactlyInAnyOrderElementsOf(TestCheckpoints.weights().keySet());
            float[] head = store.readFloat("lm_head.weight");
            assertThat(head).hasSize(744);
            for (int i = 0; i < head.length; i++) {
                assertThat(head[i]).isEqualTo(TestCheckpoints.value(7, i));
            }
            assertThat(store.info("vision_model.conv1.weight").shape()).containsExactly(4, 3, 2, 2);
        }
        ckpt.verify();
        assertThat(hiddenEntries(tmp)).isEmpty();
    }

    @Test
    void shardsFollowTheLimitTheReleaseNamingAndHfIndexFormat() {
        // 8 tensors of 192,256,32,512,512,256,32,2976 bytes; limit 700 →
        // [192,256,32] [512] [512] [256,32] [2976: larger than the limit, alone]
        Path dir = minimal().shardLimitBytes(700).writeTo(tmp.resolve("sharded"));

        assertThat(dir.resolve("model.safetensors")).doesNotExist();
        assertThat(listNames(dir)).contains("model-00001.safetensors", "model-00002.safetensors",
                "model-00003.safetensors", "model-00004.safetensors", "model-00005.safetensors")
                .doesNotContain("model-00006.safetensors");
        JsonNode index = Json.readTree(dir.resolve("model.safetensors.index.json"));
        assertThat(index.path("metadata").path("total_size").asLong()).isEqualTo(4768);
        JsonNode map = index.path("weight_map");
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted().hasSize(8);
        assertThat(map.path("vision_model.conv1.weight").asText()).isEqualTo("model-00001.safetensors");
        assertThat(map.path("vision_model.vit_downsampler1.bias").asText()).isEqualTo("model-00001.safetensors");
        assertThat(map.path("vit_large_projector.weight").asText()).isEqualTo("model-00002.safetensors");
        assertThat(map.path("model.embed_tokens.weight").asText()).isEqualTo("model-00003.safetensors");
        assertThat(map.path("model.layers.0.self_attn.q_proj.weight").asText()).isEqualTo("model-00004.safetensors");
        assertThat(map.path("model.norm.weight").asText()).isEqualTo("model-00004.safetensors");
        assertThat(map.path("lm_head.weight").asText()).isEqualTo("model-00005.safetensors");
        try (TensorStore store = TensorStore.open(dir)) {
            assertThat(store.files()).hasSize(5);
            float[] proj = store.readFloat("vit_large_projector.weight");
            assertThat(proj[5]).isEqualTo(TestCheckpoints.value(3, 5));
        }
        assertThat(CheckpointReader.open(dir).weightFiles()).containsExactly("model.safetensors.index.json",
                "model-00001.safetensors", "model-00002.safetensors", "model-00003.safetensors",
                "model-00004.safetensors", "model-00005.safetensors");
    }

    @Test
    void presetConfigAndInitialisedWeightsRoundTrip() {
        ModelConfig config = Presets.get(Presets.TINY);
        Map<String, Tensor> weights = WeightInit.tensors(config, 7, DType.F32);
        Path dir = CheckpointWriter.create().config(config).generationConfig(Presets.generationConfig(Presets.TINY))
                .weights(weights).provenance(provenance()).writeTo(tmp.resolve("tiny"));

        assertThat(ModelConfig.read(dir).toJson()).isEqualTo(config.toJson());
        assertThat(Json.readTree(dir.resolve("generation_config.json")))
                .isEqualTo(Presets.generationConfig(Presets.TINY).toJson());
        try (TensorStore store = TensorStore.open(dir)) {
            assertThat(store.names()).containsExactlyElementsOf(WeightLayout.of(config).entries().keySet());
            String name = store.names().iterator().next();
            assertThat(store.readFloat(name)).containsExactly(toFloats(weights.get(name)));
        }
    }

    private static float[] toFloats(Tensor t) {
        java.nio.FloatBuffer fb = t.bytes().asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    @Test
    void trainerStateAndOptimizerTensorsRoundTrip() {
        TrainerState state = TrainerState.of(1200, 38_400, 9_830_400)
                .withRng("data", 42L, 1_234_567_890_123L)
                .withRng("dropout", -1L, Long.MAX_VALUE, Long.MIN_VALUE)
                .withDataCursor(Json.MAPPER.createObjectNode().put("epoch", 2).put("offset", 77))
                .withExtra(Json.MAPPER.createObjectNode().put("optimizer_step", 1199));
        Map<String, Tensor> moments = new LinkedHashMap<>();
        moments.put("m.lm_head.weight", TestCheckpoints.tensor(20, 93, 8));
        moments.put("v.lm_head.weight", TestCheckpoints.tensor(21, 93, 8));
        Path dir = minimal().trainerState(state, moments).writeTo(tmp.resolve("resumable"));

        CheckpointReader ckpt = CheckpointReader.open(dir);
        assertThat(ckpt.isResumable()).isTrue();
        assertThat(ckpt.trainerState()).isEqualTo(state);
        assertThat(ckpt.trainerState().rngState("dropout")).containsExactly(-1L, Long.MAX_VALUE, Long.MIN_VALUE);
        try (SafetensorsFile opt = ckpt.openOptimizerTensors()) {
            assertThat(opt.names()).containsExactly("m.lm_head.weight", "v.lm_head.weight");
            assertThat(opt.readFloat("v.lm_head.weight")[9]).isEqualTo(TestCheckpoints.value(21, 9));
            assertThat(opt.metadata()).containsEntry("step", "1200");
        }
        assertThat(ckpt.provenance().get().manifest().files()).containsKeys(
                "trainer_state/state.json", "trainer_state/optimizer.safetensors");
    }

    @Test
    void notResumableCheckpointSaysSoWhenAskedForState() {
        Path dir = minimal().writeTo(tmp.resolve("plain"));
        assertThatThrownBy(() -> CheckpointReader.open(dir).trainerState()).isInstanceOf(UserError.class)
                .hasMessageContaining("not a resumable checkpoint");
    }

    @Test
    void inheritsTokenizerFilesAndGenerationConfigFromTheParent() throws IOException {
        Path parent = tmp.resolve("parent");
        Files.createDirectories(parent);
        Files.writeString(parent.resolve("tokenizer.json"), "{\"version\":\"1.0\"}");
        Files.writeString(parent.resolve("chat_template.jinja"), "{{ messages }}");
        Files.writeString(parent.resolve("generation_config.json"), "{\"eos_token_id\":[498,496]}");
        Files.writeString(parent.resolve("notes.txt"), "not inherited");

        Path dir = minimal().inheritFrom(parent).writeTo(tmp.resolve("child"));

        assertThat(dir.resolve("tokenizer.json")).hasContent("{\"version\":\"1.0\"}");
        assertThat(dir.resolve("chat_template.jinja")).hasContent("{{ messages }}");
        assertThat(Json.readTree(dir.resolve("generation_config.json")).path("eos_token_id").get(0).asInt()).isEqualTo(498);
        assertThat(dir.resolve("notes.txt")).doesNotExist();
        assertThat(dir.resolve("tokenizer_config.json")).doesNotExist();
    }

    @Test
    void explicitGenerationConfigWinsOverTheParents() throws IOException {
        Path parent = tmp.resolve("parent");
        Files.createDirectories(parent);
        Files.writeString(parent.resolve("generation_config.json"), "{\"temperature\":0.7}");
        Path dir = minimal().inheritFrom(parent)
                .generationConfig(Json.MAPPER.createObjectNode().put("temperature", 1.0))
                .writeTo(tmp.resolve("child"));
        assertThat(Json.readTree(dir.resolve("generation_config.json")).path("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void extraFilesAreStagedAndListedInTheManifest() {
        Path dir = minimal().extraFiles(staging -> Files.writeString(staging.resolve("tokenizer_config.json"), "{}"))
                .writeTo(tmp.resolve("extra"));
        assertThat(dir.resolve("tokenizer_config.json")).hasContent("{}");
        assertThat(CheckpointReader.open(dir).provenance().get().manifest().files()).containsKey("tokenizer_config.json");
        CheckpointReader.open(dir).verify();
    }

    @Test
    void anExtraFileReplacingAnInheritedOneIsRehashed() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("parent"));
        Files.writeString(parent.resolve("tokenizer.json"), "{\"old\":true}");
        Path dir = minimal().inheritFrom(parent)
                .extraFiles(staging -> Files.writeString(staging.resolve("tokenizer.json"), "{\"new\":true,\"longer\":1}"))
                .writeTo(tmp.resolve("child"));
        assertThat(dir.resolve("tokenizer.json")).hasContent("{\"new\":true,\"longer\":1}");
        CheckpointReader.open(dir).verify();  // the manifest holds the new file's hash, not the parent's
    }

    @Test
    void extraFilesMayNotReplaceWriterOwnedFiles() {
        CheckpointWriter w = minimal().extraFiles(staging -> Files.writeString(staging.resolve("config.json"), "{}"));
        assertThatThrownBy(() -> w.writeTo(tmp.resolve("bad"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config.json");
        assertThat(tmp.resolve("bad")).doesNotExist();
        assertThat(hiddenEntries(tmp)).isEmpty();
    }

    @Test
    void refusesAnExistingTargetUnlessOverwriting() {
        Path first = minimal().writeTo(tmp.resolve("ckpt"));
        assertThatThrownBy(() -> minimal().writeTo(first)).isInstanceOf(UserError.class)
                .hasMessageContaining("already exists");

        Map<String, Tensor> other = new LinkedHashMap<>(TestCheckpoints.weights());
        other.put("model.norm.weight", TestCheckpoints.tensor(99, 8));
        minimal().weights(other).overwrite(true).writeTo(first);
        try (TensorStore store = TensorStore.open(first)) {
            assertThat(store.readFloat("model.norm.weight")[0]).isEqualTo(TestCheckpoints.value(99, 0));
        }
        assertThat(hiddenEntries(tmp)).isEmpty();
    }

    @Test
    void aFailingSaveLeavesNoTargetAndNoStagingDirectory() {
        Map<String, Tensor> weights = new LinkedHashMap<>(TestCheckpoints.weights());
        weights.put("model.broken.weight", Tensor.lazy(DType.F32, new long[] {4}, () -> {
            throw new IllegalStateException("simulated failure while producing bytes");
        }));
        CheckpointWriter w = minimal().weights(weights);
        assertThatThrownBy(() -> w.writeTo(tmp.resolve("failed"))).hasMessageContaining("simulated failure");
        assertThat(tmp.resolve("failed")).doesNotExist();
        assertThat(hiddenEntries(tmp)).isEmpty();
    }

    @Test
    void requiresConfigWeightsAndProvenance() {
        assertThatThrownBy(() -> CheckpointWriter.create().weights(TestCheckpoints.weights()).provenance(provenance())
                .writeTo(tmp.resolve("x"))).hasMessageContaining("config");
        assertThatThrownBy(() -> CheckpointWriter.create().config(TestCheckpoints.config()).provenance(provenance())
                .writeTo(tmp.resolve("x"))).hasMessageContaining("weights");
        assertThatThrownBy(() -> CheckpointWriter.create().config(TestCheckpoints.config())
                .weights(TestCheckpoints.weights()).writeTo(tmp.resolve("x"))).hasMessageContaining("provenance");
        assertThatThrownBy(() -> CheckpointWriter.create().shardLimitBytes(0)).isInstanceOf(UserError.class);
    }

    @Test
    void readerRejectsAMissingShardAndADamagedFile() throws IOException {
        Path dir = minimal().shardLimitBytes(1024).writeTo(tmp.resolve("s"));
        Files.delete(dir.resolve("model-00002.safetensors"));
        assertThatThrownBy(() -> CheckpointReader.open(dir)).isInstanceOf(UserError.class)
                .hasMessageContaining("model-00002.safetensors is missing");

        Path other = minimal().writeTo(tmp.resolve("t"));
        try (FileChannel ch = FileChannel.open(other.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        assertThatThrownBy(() -> CheckpointReader.open(other)).isInstanceOf(UserError.class)
                .hasMessageContaining("model.safetensors has");
    }

    @Test
    void verifyCatchesAFlippedByteThatKeepsTheSize() throws IOException {
        Path dir = minimal().writeTo(tmp.resolve("v"));
        Path weights = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(weights, bytes);
        CheckpointReader ckpt = CheckpointReader.open(dir);  // sizes still match
        assertThatThrownBy(ckpt::verify).isInstanceOf(UserError.class)
                .hasMessageContaining("model.safetensors does not match its sha256");
    }

    @Test
    void verifyReportsFilesAddedAfterTheSave() throws IOException {
        Path dir = minimal().writeTo(tmp.resolve("v"));
        Files.writeString(dir.resolve("stray.txt"), "x");
        assertThatThrownBy(() -> CheckpointReader.open(dir).verify()).isInstanceOf(UserError.class)
                .hasMessageContaining("stray.txt");
    }

    @Test
    void castToBf16HalvesTheWeightsAndRoundsExactly() {
        Map<String, Tensor> weights = TensorSources.castFloating(TestCheckpoints.weights(), DType.BF16);
        Path dir = minimal().weights(weights).writeTo(tmp.resolve("bf16"));
        try (TensorStore store = TensorStore.open(dir)) {
            assertThat(store.info("lm_head.weight").dtype()).isEqualTo(DType.BF16);
            float[] head = store.readFloat("lm_head.weight");
            // bf16 keeps 8 significant bits: each value must be the round-to-nearest-even of the original
            for (int i = 0; i < head.length; i++) {
                float expected = io.step3vl.safetensors.HalfFloats.bf16ToFloat(
                        io.step3vl.safetensors.HalfFloats.floatToBf16(TestCheckpoints.value(7, i)));
                assertThat(head[i]).isEqualTo(expected);
            }
        }
    }

    @Test
    void copiesTensorsFromAnotherCheckpointLazily() {
        Path source = minimal().writeTo(tmp.resolve("src"));
        Path copy;
        try (TensorStore store = TensorStore.open(source)) {
            copy = minimal().weights(TensorSources.fromReader(store)).shardLimitBytes(2048).writeTo(tmp.resolve("copy"));
        }
        try (TensorStore a = TensorStore.open(source); TensorStore b = TensorStore.open(copy)) {
            for (String name : a.names()) {
                assertThat(b.readFloat(name)).containsExactly(a.readFloat(name));
            }
        }
    }

    @Test
    void observerSeesEveryFileThenThePublish() {
        List<String> events = new ArrayList<>();
        minimal().shardLimitBytes(1000).observer(new SaveObserver() {
            @Override
            public void fileStaged(String relativePath, long bytes) {
                events.add(relativePath);
            }

            @Override
            public void publishing(Path staging, Path target) {
                assertThat(staging.getFileName().toString()).startsWith(".obs.staging-");
                assertThat(target).doesNotExist();
                events.add("publishing");
            }

            @Override
            public void published(Path target) {
                events.add("published");
            }
        }).writeTo(tmp.resolve("obs"));
        assertThat(events).containsExactly("config.json", "model-00001.safetensors", "model-00002.safetensors",
                "model-00003.safetensors", "model.safetensors.index.json", "publishing", "published");
    }

    static List<String> hiddenEntries(Path dir) {
        return listNames(dir).stream().filter(n -> n.startsWith(".")).toList();
    }

    static List<String> listNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
