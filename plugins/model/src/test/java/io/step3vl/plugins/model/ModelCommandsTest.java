package io.step3vl.plugins.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.plugin.StageCommand;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.SafetensorsWriter;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step3vl init} and {@code step3vl model forward} under the real host, in-process. */
class ModelCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int run(StageCommand command, String... args) {
        out.reset();
        err.reset();
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(command).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The host's one-line error: the last line on stderr (progress messages may precede it). */
    private String errorLine() {
        String[] lines = err().strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(ModelCommandsTest.class.getClassLoader().getResource("golden/" + name).toURI());
    }

    @Test
    void initWritesADeterministicLoadableCheckpoint() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(run(new InitCommand(), "init", "--preset", "tiny", "--out", a.toString(), "--seed", "5", "--json"))
                .as(err()).isZero();
        assertThat(Json.MAPPER.readTree(out()).get("parameters").asLong())
                .isEqualTo(WeightLayout.of(Presets.get("tiny")).parameterCount());
        assertThat(run(new InitCommand(), "init", "--preset", "tiny", "--out", b.toString(), "--seed", "5")).isZero();
        assertThat(out()).startsWith("wrote ").contains("tiny");
        assertThat(ModelConfig.read(a)).isEqualTo(ModelConfig.read(b));
        assertThat(Files.exists(a.resolve("generation_config.json"))).isTrue();
        assertThat(Files.exists(a.resolve("step3vl.json"))).isTrue();
        // tiny runs end to end as written: the toy tokenizer comes with it (training and chat need it)
        assertThat(a.resolve("tokenizer.json")).isRegularFile();
        assertThat(a.resolve("tokenizer_config.json")).isRegularFile();
        try (TensorStore sa = TensorStore.open(a); TensorStore sb = TensorStore.open(b)) {
            assertThat(sa.names()).containsExactlyElementsOf(WeightLayout.of(Presets.get("tiny")).entries().keySet());
            float[] norm = sa.readFloat("model.norm.weight");
            assertThat(norm).containsOnly(1f);
            assertThat(sa.readFloat("vision_model.transformer.resblocks.0.ls_1.gamma")).containsOnly(0.1f);
            assertThat(sa.readFloat("vision_model.transformer.resblocks.0.attn.in_proj_bias")).containsOnly(0f);
            float[] q = sa.readFloat("model.layers.0.self_attn.q_proj.weight");
            assertThat(q).containsExactly(sb.readFloat("model.layers.0.self_attn.q_proj.weight"));
            double sum = 0;
            double sq = 0;
            for (float v : q) {
                sum += v;
                sq += v * v;
            }
            assertThat(sum / q.length).isBetween(-0.004, 0.004);
            double fanInStd = 1 / Math.sqrt(128); // normal(0, 1/sqrt(fan_in)), tiny's hidden size is 128
            assertThat(Math.sqrt(sq / q.length)).isBetween(0.975 * fanInStd, 1.025 * fanInStd);
        }
        // existing directory without --overwrite: a usage error, one line
        assertThat(run(new InitCommand(), "init", "--preset", "tiny", "--out", a.toString())).isEqualTo(2);
        assertThat(err().strip()).contains("already exists").doesNotContain("\n");
        assertThat(errorLine()).startsWith("step3vl init: ");
        assertThat(run(new InitCommand(), "init", "--preset", "huge", "--out", tmp.resolve("c").toString())).isEqualTo(2);
        assertThat(err()).contains("huge").contains("tiny");
        assertThat(run(new InitCommand(), "init", "--preset", "tiny")).isEqualTo(2);
        assertThat(err()).contains("--out");
    }

    @Test
    void forwardWritesTheGoldenNamesAndValues() throws Exception {
        Path dir = golden("a_text_fp32");
        Path result = tmp.resolve("out.safetensors");
        assertThat(run(new ModelCommand(), "model", "forward", "--model", dir.toString(), "--inputs",
                dir.resolve("inputs.safetensors").toString(), "--out", result.toString(), "--device", "cpu")).as(err()).isZero();
        try (SafetensorsFile got = SafetensorsFile.open(result);
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            for (String name : want.names()) {
                assertThat(got.names()).contains(name);
                assertClose(name, got.readFloat(name), want.readFloat(name), name.equals("logits") ? 1e-3 : 1e-4);
            }
        }
    }

    @Test
    void forwardOnlyVisionWritesEveryTowerIntermediate() throws Exception {
        Path dir = golden("b_vision_projector_fp32");
        Path result = tmp.resolve("vision.safetensors");
        assertThat(run(new ModelCommand(), "model", "forward", "--model", dir.toString(), "--inputs",
                dir.resolve("inputs.safetensors").toString(), "--only", "vision", "--out", result.toString(), "--json"))
                .as(err()).isZero();
        assertThat(Json.MAPPER.readTree(out()).get("tensors").size()).isEqualTo(24);
        try (SafetensorsFile got = SafetensorsFile.open(result);
             SafetensorsFile want = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            assertThat(got.names()).containsExactlyInAnyOrderElementsOf(want.names());
            for (String name : want.names()) {
                assertClose(name, got.readFloat(name), want.readFloat(name), 1e-4);
            }
        }
    }

    @Test
    void forwardReportsBadInputsInOneLine() throws Exception {
        Path dir = golden("a_text_fp32");
        Path bad = tmp.resolve("bad.safetensors");
        SafetensorsWriter.write(bad, Map.of("input_ids", Tensor.f32(new float[] {1, 2}, 1, 2)), Map.of());
        assertThat(run(new ModelCommand(), "model", "forward", "--model", dir.toString(), "--inputs", bad.toString(),
                "--out", tmp.resolve("o.safetensors").toString())).isEqualTo(2);
        assertThat(errorLine()).startsWith("step3vl model forward: ").contains("bad.safetensors")
                .contains("input_ids").contains("integer");
        assertThat(run(new ModelCommand(), "model", "forward", "--model", tmp.toString(), "--inputs", bad.toString(),
                "--out", tmp.resolve("o.safetensors").toString())).isEqualTo(2);
        assertThat(err()).contains("config.json");
        assertThat(run(new ModelCommand(), "model", "forward", "--help")).isZero();
        assertThat(out()).contains("Examples:");
    }

    private static void assertClose(String name, float[] got, float[] want, double atol) {
        assertThat(got).as(name).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) Math.abs(got[i] - want[i])).as("%s[%d]", name, i)
                    .isLessThanOrEqualTo(atol + 1e-3 * Math.abs(want[i]));
        }
    }
}
