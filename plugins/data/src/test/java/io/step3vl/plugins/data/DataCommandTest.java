package io.step3vl.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.Step3vl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step3vl data shapes} under the real host, in-process. */
class DataCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new DataCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatesADatasetAndReportsItAsJson(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("shapes");
        int code = run("data", "shapes", "--out", target.toString(), "--seed", "3", "--n", "8",
                "--bench-per-category", "2", "--tasks", "counting,colour", "--format", "both", "--compression", "zstd",
                "--json", "-q");
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("\"sft\" : 8", "\"bench\" : 4");
        assertThat(Files.readAllLines(target.resolve("bench.jsonl"))).hasSize(4)
                .allSatisfy(l -> assertThat(l).containsAnyOf("\"category\":\"counting\"", "\"category\":\"colour\""));
        assertThat(target.resolve("wds/sft-000000.tar.zst")).isRegularFile();
        assertThat(target.resolve("manifest.json")).content().contains("\"seed\" : 3");
    }

    @Test
    void theSameCommandTwiceGivesTheSameFiles(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"a", "b"}) {
            assertThat(run("data", "shapes", "--out", dir.resolve(name).toString(), "--seed", "5", "--n", "6",
                    "--bench-per-category", "1", "-q")).as(err()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("a/sft.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("b/sft.jsonl")));
        assertThat(Files.readAllBytes(dir.resolve("a/images/train-000005.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/images/train-000005.png")));
        assertThat(out()).contains("wrote " + dir.resolve("a"), "sft", "bench");
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path dir) {
        assertThat(run("data", "shapes", "--n", "4")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl data shapes: --out: expected the directory to write the dataset to\n");
        err.reset();
        assertThat(run("data", "shapes", "--out", dir.toString(), "--tasks", "colour,smell")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl data shapes: --tasks: unknown task 'smell'\n");
        err.reset();
        assertThat(run("data", "shapes", "--out", dir.toString(), "--think-ratio", "2")).isEqualTo(2);
        assertThat(err()).startsWith("step3vl data shapes: --think-ratio: expected a share in [0, 1]");
        err.reset();
        assertThat(run("data")).isEqualTo(2);
        assertThat(err()).contains("expected a subcommand: shapes or check");
    }

    @Test
    void helpShowsExamples() {
        assertThat(run("data", "shapes", "--help")).isZero();
        assertThat(out()).contains("Examples:", "step3vl data shapes --out data/shapes --seed 1 --n 1000", "--format");
        out.reset();
        assertThat(run("data", "--help")).isZero();
        assertThat(out()).contains("shapes", "Examples:");
    }

    @Test
    void dryRunPrintsTheEffectiveOptionsWithoutWriting(@TempDir Path dir) {
        Path target = dir.resolve("never");
        assertThat(run("data", "shapes", "--out", target.toString(), "--n", "50", "--dry-run")).isZero();
        assertThat(out()).containsPattern("\"?n\"?: 50").contains("image-size: 224");
        assertThat(target).doesNotExist();
    }

    @Test
    void checkReportsWhatTheTrainingReadersSeeAndNamesBadRecords(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("shapes");
        assertThat(run("data", "shapes", "--out", target.toString(), "--seed", "2", "--n", "10", "--bench-per-category",
                "1", "--format", "both", "-q")).as(err()).isZero();
        out.reset();
        assertThat(run("data", "check", target.resolve("sft.jsonl").toString(), "--kind", "sft", "--json")).as(err()).isZero();
        assertThat(out()).contains("\"samples\" : 10", "\"images\" : 10", "\"bad_records\" : 0");
        out.reset();
        assertThat(run("data", "check", target.resolve("wds").toString(), "--image-check", "decode", "--workers", "2"))
                .as(err()).isZero();
        assertThat(out()).contains("bad record(s) skipped");
        out.reset();
        assertThat(run("data", "check", target.resolve("bench.jsonl").toString(), "--kind", "prompt")).isZero();
        assertThat(out()).contains("prompts with answers: 8", "counting=1");

        Path broken = dir.resolve("broken.jsonl");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(target.resolve("sft.jsonl")));
        lines.set(1, "{\"messages\": [");
        lines.set(3, lines.get(3).replace("images/train-000003.png", "images/gone.png"));
        Files.write(broken, lines);
        Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 10; i++) {
            String name = String.format("train-%06d.png", i);
            Files.copy(target.resolve("images").resolve(name), dir.resolve("images").resolve(name));
        }
        out.reset();
        err.reset();
        assertThat(run("data", "check", broken.toString(), "--kind", "sft")).isZero();
        assertThat(err()).contains("broken.jsonl: line 2: malformed JSON", "broken.jsonl: line 4: messages[0].content[0]: image 'images/gone.png': no such file");
        assertThat(out()).startsWith("8 samples in 1 file(s), 2 bad record(s) skipped");
        err.reset();
        assertThat(run("data", "check", broken.toString(), "--max-bad", "1")).isEqualTo(2);
        assertThat(err()).contains("line 4").contains("more than --max-bad 1");
    }
}
