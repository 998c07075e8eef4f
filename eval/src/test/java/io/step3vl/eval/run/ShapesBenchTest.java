package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.common.Progress;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.Datasets;
import io.step3vl.eval.data.EvalItem;
import io.step3vl.eval.report.Summary;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.inference.SamplingParams;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes-world benchmark split, as the generator writes it, reads and scores end to end. */
class ShapesBenchTest {
    @TempDir
    static Path dir;
    static DatasetSpec bench;

    @BeforeAll
    static void generate() {
        Progress.configure(Progress.Mode.QUIET, new PrintStream(java.io.OutputStream.nullOutputStream()));
        ShapesConfig config = ShapesConfig.builder(11, 2).benchPerCategory(2).choiceRatio(0.5).rlN(0).docsN(0).textN(0).textSftN(0).build();
        new ShapesGenerator(config).generate(dir.resolve("shapes"));
        bench = DatasetSpec.of(dir.resolve("shapes/bench.jsonl"));
    }

    static List<String> readFailures(Path run) {
        try {
            return java.nio.file.Files.readAllLines(run.resolve("scores.jsonl")).stream()
                    .filter(l -> !l.contains("\"score\":1.0")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyItemReadsWithItsImageAndAnswerType() {
        List<EvalItem> items = Datasets.readAll(bench);
        assertThat(items).hasSizeGreaterThanOrEqualTo(12);
        assertThat(items).allSatisfy(i -> assertThat(i.imageCount()).isEqualTo(1));
        assertThat(items).extracting(i -> i.reference().type())
                .contains(AnswerType.CHOICE, AnswerType.NUMBER, AnswerType.TEXT, AnswerType.OCR, AnswerType.BOX, AnswerType.POINT);
        EvalItem point = items.stream().filter(i -> i.reference().type() == AnswerType.POINT).findFirst().orElseThrow();
        assertThat(point.reference().answers()).hasSize(2); // the point and its object's box
        assertThat(point.reference().imageWidth()).isPositive();
    }

    @Test
    void aPerfectModelScoresOneInEveryCategoryAndAWrongOneZero(@TempDir Path out) {
        RunConfig cfg = RunConfig.of(List.of(bench), Mode.parseAll(List.of("sere", "majority:3")),
                SamplingParams.sampled(128, 0), out.resolve("perfect"));
        Evaluation.Outcome perfect = Evaluation.run(cfg, new ScriptedBackend(List.of(bench), 1.0, "perfect"), null, w -> { });
        for (Summary s : perfect.summaries()) {
            assertThat(s.accuracy()).as(s.mode() + " " + readFailures(out.resolve("perfect"))).isEqualTo(1.0);
            assertThat(s.categories()).allSatisfy(g -> assertThat(g.accuracy()).as(g.name()).isEqualTo(1.0));
        }
        RunConfig wrongCfg = RunConfig.of(List.of(bench), Mode.parseAll(List.of("sere")), SamplingParams.sampled(128, 0),
                out.resolve("wrong"));
        Evaluation.Outcome wrong = Evaluation.run(wrongCfg, new ScriptedBackend(List.of(bench), 0.0, "wrong"), null, w -> { });
        assertThat(wrong.summaries().get(0).accuracy()).isZero();
    }
}
