package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.Progress;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.report.Summary;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mode through the real local backend: a random-init {@code tiny} checkpoint on the CPU engine
 * answering shapes-world bench items (images included). The answers are noise; what is checked is
 * that every mode runs, saves what it should, and resumes without generating again.
 */
class LocalTinyModelTest {
    @TempDir
    static Path dir;
    static LocalBackend model;
    static DatasetSpec bench;

    @BeforeAll
    static void setUp() {
        Progress.configure(Progress.Mode.QUIET, new PrintStream(java.io.OutputStream.nullOutputStream()));
        new ShapesGenerator(ShapesConfig.builder(5, 1).benchPerCategory(1).rlN(0).docsN(0).textN(0).textSftN(0).build())
                .generate(dir.resolve("shapes"));
        bench = DatasetSpec.of(dir.resolve("shapes/bench.jsonl")).withLimit(3);
        model = LocalBackend.open(PresetCheckpoint.write("tiny", 0, dir.resolve("tiny")), DeviceChoice.CPU);
    }

    @AfterAll
    static void tearDown() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void everyModeRunsOnTheTinyModelAndResumes() throws Exception {
        Path out = dir.resolve("run");
        RunConfig cfg = RunConfig.of(List.of(bench), Mode.parseAll(List.of("sere", "pacore:2", "rounds:2,2", "majority:2",
                "best-of:2")), new SamplingParams(1.0, 1.0, 0, 0, 1, 6, 0, List.of(), true), out).withConcurrency(2);
        Evaluation.Outcome o = Evaluation.run(cfg, model, null, w -> { });
        assertThat(o.summaries()).extracting(Summary::mode)
                .containsExactly("sere", "pacore:2", "rounds:2,2", "majority:2", "best-of:2");
        for (Summary s : o.summaries()) {
            assertThat(s.n()).isEqualTo(3);
            assertThat(s.errors()).as(s.mode()).isZero();
            assertThat(s.tokens().completion()).isPositive();
            assertThat(s.accuracy()).isBetween(0.0, 1.0);
        }
        List<String> lines = Files.readAllLines(out.resolve("predictions.jsonl"));
        assertThat(lines).hasSize(15);
        JsonNode rounds = lines.stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.get("mode").asText().equals("rounds:2,2")).findFirst().orElseThrow();
        assertThat(rounds.get("rounds")).hasSize(2);
        assertThat(rounds.at("/samples/0/completion_tokens").asInt()).isPositive();

        Evaluation.Outcome again = Evaluation.run(cfg, model, null, w -> { });
        assertThat(again.info().generated()).isZero();
        assertThat(again.info().reused()).isEqualTo(15);
        assertThat(Files.readAllLines(out.resolve("predictions.jsonl"))).hasSize(15);
    }
}
