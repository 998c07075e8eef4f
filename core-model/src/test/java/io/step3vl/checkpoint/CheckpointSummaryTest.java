package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.Presets;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspect on HF-layout directories written by the independent golden generator (the module's golden
 * test resources: d = single BF16 file, e = two {@code -of-N} shards) and on a toolkit checkpoint.
 */
class CheckpointSummaryTest {
    @TempDir
    Path tmp;

    private Path golden(String name, String... files) throws IOException, URISyntaxException {
        Path src = Path.of(getClass().getResource("/golden/" + name + "/config.json").toURI()).getParent();
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : files) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void releaseLayoutBf16CheckpointIsSplitIntoComponents() throws Exception {
        Path dir = golden("d_multimodal_bf16", "config.json", "model.safetensors");
        CheckpointSummary s = CheckpointSummary.of(dir, false);

        assertThat(s.modelType()).isEqualTo("step_robotics");
        assertThat(s.architectures()).containsExactly("StepVLForConditionalGeneration");
        assertThat(s.weightFiles()).containsExactly("model.safetensors");
        assertThat(s.components()).extracting(c -> c.component().label(), CheckpointSummary.Component::tensors,
                        CheckpointSummary.Component::parameters)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("vision", 32, 114_416L),
                        org.assertj.core.groups.Tuple.tuple("projector", 5, 219_936L),
                        org.assertj.core.groups.Tuple.tuple("decoder", 25, 139_712L));
        assertThat(s.totalParameters()).isEqualTo(474_064L);
        assertThat(s.weightBytes()).isEqualTo(474_064L * 2);
        assertThat(s.components().get(0).parametersByDtype()).isEqualTo(Map.of("BF16", 114_416L));
        assertThat(s.diskBytes()).isEqualTo(Files.size(dir.resolve("config.json")) + Files.size(dir.resolve("model.safetensors")));
        assertThat(s.provenance()).isNull();
        assertThat(s.fingerprint()).isNull();
        assertThat(s.trainerState()).isNull();

        String text = s.render(false);
        assertThat(text).contains("model        step_robotics (StepVLForConditionalGeneration)")
                .containsPattern("vision\\s+32\\s+114.4k\\s+228.8 kB\\s+BF16 114.4k")
                .containsPattern("projector\\s+5\\s+219.9k")
                .containsPattern("total\\s+62\\s+474.1k\\s+948.1 kB")
                .contains("provenance   none (no step3vl.json: not written by step3vl)")
                .contains("fingerprint  not computed (use --fingerprint)")
                .doesNotContain("vision_model.conv1.weight");
        assertThat(s.render(true)).containsPattern("vision_model\\.conv1\\.weight\\s+BF16 \\[48, 3, 14, 14\\]");
    }

    @Test
    void shardedCheckpointIsReadThroughItsIndex() throws Exception {
        Path dir = golden("e_text_sharded", "config.json", "model.safetensors.index.json",
                "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        CheckpointSummary s = CheckpointSummary.of(dir, true);
        assertThat(s.weightFiles()).containsExactly("model.safetensors.index.json",
                "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        assertThat(s.totalParameters()).isEqualTo(474_064L);
        assertThat(s.weightBytes()).isEqualTo(Json.readTree(dir.resolve("model.safetensors.index.json"))
                .path("metadata").path("total_size").asLong());
        assertThat(s.fingerprint()).isEqualTo(FileManifest.scan(dir).fingerprint());
        assertThat(s.render(false)).contains("weights      2 shards + model.safetensors.index.json");
    }

    @Test
    void toolkitCheckpointShowsProvenanceAndTrainerStateInTextAndJson() {
        Path dir = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .trainerState(TrainerState.of(1200, 10, 20).withRng("data", 1, 2), TestCheckpoints.bulkWeights(2, 100))
                .provenance(Provenance.of("sft").withStep(1200).withData("train.jsonl", "sha256:" + "a".repeat(64))
                        .withCommandLine(List.of("step3vl", "sft", "--steps", "1200")))
                .writeTo(tmp.resolve("ckpt"));
        CheckpointSummary s = CheckpointSummary.of(dir, false);

        assertThat(s.fingerprint()).isEqualTo(Fingerprints.ofCheckpoint(dir));
        String text = s.render(false);
        assertThat(text).contains("stage        sft, step 1200")
                .contains("parent       none")
                .contains("data         train.jsonl (sha256:aaaa")
                .contains("command      step3vl sft --steps 1200")
                .contains("resumable    step 1200, 10 samples, 20 tokens; optimizer 2 tensors (800 B); rng data");

        JsonNode json = s.toJson(true);
        assertThat(json.path("parameters").asLong()).isEqualTo(1192);
        assertThat(json.path("components").path("vision").path("parameters").asLong()).isEqualTo(112);
        assertThat(json.path("components").path("projector").path("parameters").asLong()).isEqualTo(136);
        assertThat(json.path("components").path("decoder").path("parameters").asLong()).isEqualTo(944);
        assertThat(json.path("provenance").path("stage").asText()).isEqualTo("sft");
        assertThat(json.path("provenance").has("files")).isFalse();
        assertThat(json.path("trainer_state").path("step").asLong()).isEqualTo(1200);
        assertThat(json.path("trainer_state").path("optimizer_tensors").asInt()).isEqualTo(2);
        assertThat(json.path("tensors")).hasSize(8);
        assertThat(json.path("tensors").get(0).path("shape").toString()).isEqualTo("[4,3,2,2]");
        assertThat(s.toJson(false).has("tensors")).isFalse();
    }

    @Test
    void componentsFollowTheReleaseAndTransformersNames() {
        assertThat(ModelComponent.of("vision_model.transformer.resblocks.0.attn.in_proj_weight")).isEqualTo(ModelComponent.VISION);
        assertThat(ModelComponent.of("model.vision_model.conv1.weight")).isEqualTo(ModelComponent.VISION);
        assertThat(ModelComponent.of("vision_model.vit_downsampler2.weight")).isEqualTo(ModelComponent.PROJECTOR);
        assertThat(ModelComponent.of("model.vision_model.vit_downsampler1.bias")).isEqualTo(ModelComponent.PROJECTOR);
        assertThat(ModelComponent.of("vit_large_projector.weight")).isEqualTo(ModelComponent.PROJECTOR);
        assertThat(ModelComponent.of("model.vit_large_projector.weight")).isEqualTo(ModelComponent.PROJECTOR);
        assertThat(ModelComponent.of("model.layers.3.mlp.up_proj.weight")).isEqualTo(ModelComponent.DECODER);
        assertThat(ModelComponent.of("model.language_model.norm.weight")).isEqualTo(ModelComponent.DECODER);
        assertThat(ModelComponent.of("lm_head.weight")).isEqualTo(ModelComponent.DECODER);
        assertThat(ModelComponent.of("value_head.weight")).isEqualTo(ModelComponent.OTHER);
    }

    @Test
    void releaseTensorNamesSplitIntoTheArchitectureDocsParameterCounts() {
        // architecture.md §1.4: vision blocks + stem 1,743,503,104; downsamplers 42,470,400 + 169,875,456 and
        // the linear 25,165,824 form the projector (§3); decoder 8,190,735,360; total 10,171,750,144.
        Map<ModelComponent, Long> params = new java.util.EnumMap<>(ModelComponent.class);
        WeightLayout.of(Presets.get(Presets.STEP3_VL_10B)).entries().forEach((name, entry) -> {
            ModelComponent component = ModelComponent.of(name);
            assertThat(component.name()).as(name).isEqualTo(entry.component().name());
            params.merge(component, entry.elementCount(), Long::sum);
        });
        assertThat(params).containsEntry(ModelComponent.VISION, 1_743_503_104L)
                .containsEntry(ModelComponent.PROJECTOR, 42_470_400L + 169_875_456L + 25_165_824L)
                .containsEntry(ModelComponent.DECODER, 8_190_735_360L)
                .doesNotContainKey(ModelComponent.OTHER);
        assertThat(params.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_171_750_144L);
    }

    @Test
    void notACheckpointIsAOneLineUserError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> CheckpointSummary.of(empty, false)).isInstanceOf(UserError.class)
                .hasMessage(empty + ": not a checkpoint: no config.json");
        Files.writeString(empty.resolve("config.json"), "{}");
        assertThatThrownBy(() -> CheckpointSummary.of(empty, false)).isInstanceOf(UserError.class)
                .hasMessage(empty.toAbsolutePath() + ": not a checkpoint: no model.safetensors or model.safetensors.index.json");
        Files.writeString(empty.resolve("config.json"), "{broken");
        assertThatThrownBy(() -> CheckpointSummary.of(empty, false)).isInstanceOf(UserError.class)
                .hasMessageContaining("config.json: malformed JSON at line 1");
        assertThatThrownBy(() -> CheckpointSummary.of(tmp.resolve("missing"), false)).isInstanceOf(UserError.class)
                .hasMessageContaining("no such checkpoint directory");
    }
}
