package io.step3vl.plugins.model.ckpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.checkpoint.CheckpointWriter;
import io.step3vl.checkpoint.Provenance;
import io.step3vl.checkpoint.TrainerState;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.safetensors.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step3vl ckpt …} as a user runs it: the real host, in-process, exit codes and exact output. */
class CkptCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;
    Path ckpt;

    @BeforeEach
    void writeCheckpoint() {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("vision_model.conv1.weight", Tensor.f32(new float[24], 2, 3, 2, 2));
        weights.put("vit_large_projector.weight", Tensor.f32(new float[32], 4, 8));
        weights.put("model.embed_tokens.weight", Tensor.f32(new float[64], 16, 4));
        weights.put("lm_head.weight", Tensor.bf16(new float[64], 16, 4));
        var config = Json.MAPPER.createObjectNode().put("model_type", "step_robotics");
        config.putArray("architectures").add("StepVLForConditionalGeneration");
        ckpt = CheckpointWriter.create().config(config).weights(weights)
                .trainerState(TrainerState.of(7, 70, 700), Map.of("m.lm_head.weight", Tensor.f32(new float[64], 16, 4)))
                .provenance(Provenance.of("sft").withStep(7).withCommandLine(List.of("step3vl", "sft")))
                .writeTo(tmp.resolve("ckpt"));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new CkptCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inspectPrintsComponentsProvenanceAndTrainerState() {
        assertThat(run("ckpt", "inspect", ckpt.toString())).isZero();
        assertThat(out()).contains("model        step_robotics (StepVLForConditionalGeneration)")
                .containsPattern("vision\\s+1\\s+24\\s+96 B\\s+F32 24")
                .containsPattern("projector\\s+1\\s+32\\s+128 B")
                .containsPattern("decoder\\s+2\\s+128\\s+384 B\\s+BF16 64, F32 64")
                .containsPattern("total\\s+4\\s+184")
                .contains("stage        sft, step 7")
                .contains("command      step3vl sft")
                .contains("resumable    step 7, 70 samples, 700 tokens; optimizer 1 tensors (256 B)")
                .doesNotContain("lm_head.weight ");
        assertThat(err()).isEmpty();
    }

    @Test
    void inspectVerboseListsEveryTensor() {
        assertThat(run("ckpt", "inspect", "-v", ckpt.toString())).isZero();
        assertThat(out()).containsPattern("lm_head\\.weight\\s+BF16 \\[16, 4\\]")
                .containsPattern("vision_model\\.conv1\\.weight\\s+F32  \\[2, 3, 2, 2\\]");
    }

    @Test
    void inspectJsonIsMachineReadableWhereverTheFlagIs() throws Exception {
        for (String[] args : List.of(new String[] {"ckpt", "inspect", ckpt.toString(), "--json"},
                new String[] {"ckpt", "--json", "inspect", ckpt.toString()})) {
            assertThat(run(args)).isZero();
            JsonNode json = Json.MAPPER.readTree(out());
            assertThat(json.path("parameters").asLong()).isEqualTo(184);
            assertThat(json.path("components").path("decoder").path("parameters_by_dtype").path("BF16").asLong()).isEqualTo(64);
            assertThat(json.path("provenance").path("stage").asText()).isEqualTo("sft");
            assertThat(json.path("trainer_state").path("tokens_seen").asLong()).isEqualTo(700);
            assertThat(json.path("fingerprint").asText()).startsWith("sha256:");
        }
    }

    @Test
    void inspectOfAMissingDirectoryIsOneLineAndExit2() {
        Path missing = tmp.resolve("nope");
        assertThat(run("ckpt", "inspect", missing.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl ckpt inspect: " + missing + ": no such checkpoint directory\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void verifyPassesAnIntactCheckpointAndNamesADamagedFile() throws Exception {
        assertThat(run("ckpt", "verify", ckpt.toString())).isZero();
        assertThat(out()).startsWith("ok: 4 files match step3vl.json; fingerprint sha256:");

        byte[] bytes = Files.readAllBytes(ckpt.resolve("model.safetensors"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(ckpt.resolve("model.safetensors"), bytes);
        assertThat(run("ckpt", "verify", ckpt.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl ckpt verify: " + ckpt + ": checkpoint is damaged: "
                + "model.safetensors does not match its sha256\n");
    }

    @Test
    void packThenUnpackRoundTripsAndReportsCounts() throws Exception {
        Path archive = tmp.resolve("ckpt.tar.zst");
        assertThat(run("ckpt", "pack", ckpt.toString(), archive.toString(), "--workers", "0")).isZero();
        assertThat(out()).startsWith("packed 5 files (").contains("into " + archive);
        Path restored = tmp.resolve("restored");
        assertThat(run("ckpt", "unpack", archive.toString(), restored.toString(), "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.path("files").asInt()).isEqualTo(5);
        assertThat(run("ckpt", "verify", restored.toString())).isZero();
        assertThat(Files.readString(restored.resolve("config.json"))).isEqualTo(Files.readString(ckpt.resolve("config.json")));
    }

    @Test
    void unpackOfATruncatedArchiveIsOneLineAndLeavesNothing() throws Exception {
        Path archive = tmp.resolve("ckpt.tar.zst");
        assertThat(run("ckpt", "pack", ckpt.toString(), archive.toString())).isZero();
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path target = tmp.resolve("restored");
        assertThat(run("ckpt", "unpack", archive.toString(), target.toString())).isEqualTo(2);
        assertThat(err()).startsWith("step3vl ckpt unpack: " + archive + ": ").contains("truncated").endsWith("\n");
        assertThat(err().lines()).hasSize(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void packRejectsABadLevel() {
        assertThat(run("ckpt", "pack", ckpt.toString(), tmp.resolve("x.tar.zst").toString(), "--level", "42")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl ckpt pack: --level: expected 1..19, got 42\n");
    }

    @Test
    void ckptAloneAsksForASubcommand() {
        assertThat(run("ckpt")).isEqualTo(2);
        assertThat(err()).startsWith("Usage: step3vl ckpt").contains("inspect").contains("unpack");
        assertThat(out()).isEmpty();
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String sub : List.of("inspect", "verify", "pack", "unpack")) {
            assertThat(run("ckpt", sub, "--help")).isZero();
            assertThat(out()).contains("Examples:").contains("step3vl ckpt " + sub + " ");
        }
        assertThat(run("ckpt", "--help")).isZero();
        assertThat(out()).contains("inspect").contains("unpack").contains("Examples:");
    }
}
