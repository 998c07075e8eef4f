package io.step3vl.plugins.sft;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.Step3vl;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step3vl sft} under the real host, in-process, on a tiny checkpoint. */
class SftCommandTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void setUp() {
        model = PresetCheckpoint.write("tiny", 2, tmp.resolve("tiny"));
        data = tmp.resolve("shapes");
        new ShapesGenerator(ShapesConfig.builder(4, 12).build()).generate(data);
    }

    private int run(String... args) {
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new SftCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsAndReportsAsJsonWithACheckpointMetricsAndReport() throws Exception {
        Path run = tmp.resolve("run");
        int code = run("sft", "--model", model.toString(), "--data", "text=" + data.resolve("sft-text.jsonl") + "@1",
                "--data", "mm=" + data.resolve("sft.jsonl") + "@1", "--steps", "2", "--save-every", "0", "--seq-len",
                "256", "--out", run.toString(), "--device", "cpu", "--json", "-q");
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("\"status\":\"completed\"", "\"step\":2");
        assertThat(run.resolve("checkpoints/step-00000002/config.json")).isRegularFile();
        assertThat(run.resolve("checkpoints/step-00000002/tokenizer.json")).isRegularFile();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(run.resolve("report.html")).content().contains("<svg");
    }

    @Test
    void aRecipeFileSetsOptionsAndFlagsOverrideIt() throws Exception {
        Path recipe = tmp.resolve("recipe.yaml");
        Files.writeString(recipe, "model: " + model + "\ndata:\n  - " + data.resolve("sft.jsonl") + "\nsteps: 7\nlr: 3e-4\n");
        assertThat(run("sft", "--config", recipe.toString(), "--steps", "9", "--dry-run")).as(err()).isZero();
        assertThat(out()).contains("\nsteps: 9\n", "\nlr: 3.0E-4\n", "\nmodel: " + model).doesNotContain("steps: 7");
    }

    @Test
    void configProblemsAreOneLineAndExitCode2() {
        assertThat(run("sft", "--steps", "0", "--out", tmp.resolve("bad").toString())).isEqualTo(2);
        assertThat(err().strip()).contains("model").contains("data").contains("steps").doesNotContain("\n");
    }

    @Test
    void helpShowsExamples() {
        assertThat(run("sft", "--help")).isZero();
        assertThat(out()).contains("Examples:", "step3vl sft --config examples/recipes/shapes-sft.yaml", "--resume");
    }
}
