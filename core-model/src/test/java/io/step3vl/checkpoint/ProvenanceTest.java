package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir
    Path tmp;

    @Test
    void parentFingerprintDataAndCommandLineAreRecorded() throws Exception {
        Path parent = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .provenance(Provenance.of("init")).writeTo(tmp.resolve("parent"));
        Path data = tmp.resolve("train.jsonl");
        Files.writeString(data, "{\"text\":\"a\"}\n");
        Provenance p = Provenance.of("sft").withParent(parent).withStep(1200)
                .withData("train.jsonl", Fingerprints.ofPath(data))
                .withCommandLine(List.of("step3vl", "sft", "--model", parent.toString()));
        Path child = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .provenance(p).writeTo(tmp.resolve("child"));

        Provenance read = CheckpointReader.open(child).provenance().orElseThrow().provenance();
        assertThat(read).isEqualTo(p);
        assertThat(read.parent().fingerprint()).isEqualTo(Fingerprints.ofCheckpoint(parent)).startsWith("sha256:");
        assertThat(read.data().get("train.jsonl"))
                .isEqualTo("sha256:" + Sha256.ofBytes("{\"text\":\"a\"}\n".getBytes()));
        assertThat(read.codeVersion()).startsWith("step3vl ");
        JsonNode raw = Json.readTree(child.resolve("step3vl.json"));
        assertThat(raw.path("format").asText()).isEqualTo("step3vl-checkpoint");
        assertThat(raw.path("format_version").asInt()).isEqualTo(1);
        assertThat(raw.path("files").path("config.json").path("sha256").asText())
                .isEqualTo(Sha256.ofFile(child.resolve("config.json")));
    }

    @Test
    void eachBadFieldIsNamed() throws Exception {
        Path dir = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .provenance(Provenance.of("init").withCreated(Instant.parse("2026-01-01T00:00:00Z"))).writeTo(tmp.resolve("c"));
        ObjectNode good = (ObjectNode) Json.readTree(dir.resolve("step3vl.json"));

        expectError(dir, good, n -> n.put("format_version", 2), "format_version 2 was written by a newer step3vl");
        expectError(dir, good, n -> n.put("format", "other"), "format: expected \"step3vl-checkpoint\"");
        expectError(dir, good, n -> n.remove("stage"), "stage: expected a non-empty string");
        expectError(dir, good, n -> n.put("step", -3), "step: expected a non-negative integer");
        expectError(dir, good, n -> n.put("created", "yesterday"), "created: expected an ISO-8601 UTC time");
        expectError(dir, good, n -> n.putObject("parent").put("path", "/x"), "fingerprint: expected a non-empty string");
        expectError(dir, good, n -> n.putArray("data"), "data: expected an object");
        expectError(dir, good, n -> ((ObjectNode) n.path("files").path("config.json")).put("sha256", "xyz"),
                "files.config.json.sha256: expected 64 lower-case hex digits");
        expectError(dir, good, n -> ((ObjectNode) n.path("files")).putObject("../x").put("size", 1)
                .put("sha256", "0".repeat(64)), "files.../x: expected a relative path inside the checkpoint");
    }

    private static void expectError(Path dir, ObjectNode good, java.util.function.Consumer<ObjectNode> damage,
                                    String message) throws Exception {
        ObjectNode bad = good.deepCopy();
        damage.accept(bad);
        Files.writeString(dir.resolve("step3vl.json"), Json.pretty(bad));
        assertThatThrownBy(() -> ProvenanceFile.read(dir)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(dir.resolve("step3vl.json").toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.writeString(dir.resolve("step3vl.json"), Json.pretty(good));
    }

    @Test
    void trainerStateErrorsNameTheField() throws Exception {
        Path file = tmp.resolve("state.json");
        ObjectNode good = TrainerState.of(3, 4, 5).withRng("data", 1, 2).toJson();
        assertThat(TrainerState.fromJson(good, file)).isEqualTo(TrainerState.of(3, 4, 5).withRng("data", 1, 2));

        ObjectNode bad = good.deepCopy();
        bad.put("tokens_seen", "many");
        assertThatThrownBy(() -> TrainerState.fromJson(bad, file)).isInstanceOf(UserError.class)
                .hasMessageContaining("tokens_seen: expected a non-negative integer");
        ObjectNode bad2 = good.deepCopy();
        ((ObjectNode) bad2.path("rng")).putArray("data").add(1.5);
        assertThatThrownBy(() -> TrainerState.fromJson(bad2, file)).isInstanceOf(UserError.class)
                .hasMessageContaining("rng.data[0]: expected a 64-bit integer");
        ObjectNode bad3 = good.deepCopy();
        bad3.put("format_version", 9);
        assertThatThrownBy(() -> TrainerState.fromJson(bad3, file)).isInstanceOf(UserError.class)
                .hasMessageContaining("format_version");
    }

    @Test
    void trainerStateIsImmutable() {
        long[] words = {1, 2};
        TrainerState s = TrainerState.of(1, 1, 1).withRng("data", words);
        words[0] = 99;
        assertThat(s.rngState("data")).containsExactly(1, 2);
        s.rngState("data")[1] = 77;
        assertThat(s.rngState("data")).containsExactly(1, 2);
        assertThatThrownBy(() -> TrainerState.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
