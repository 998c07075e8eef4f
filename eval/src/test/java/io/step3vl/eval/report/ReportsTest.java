package io.step3vl.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.run.PredictionCacheTest;
import io.step3vl.eval.run.ScoredItem;
import io.step3vl.eval.run.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    static ScoredItem item(String dataset, String mode, String id, String category, double score, boolean binary) {
        return new ScoredItem(dataset, mode, id, 0, category, "", score, score >= 0.5 ? "B" : "A", "r",
                binary ? "choice" : "iou", binary, null, null, 10, 5, 0.2, null);
    }

    @Test
    void comparisonPairsItemsAndTestsTheDifference() {
        List<ScoredItem> a = new ArrayList<>();
        List<ScoredItem> b = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String cat = i % 2 == 0 ? "even" : "odd";
            a.add(item("d", "sere", "i" + i, cat, i < 20 ? 1 : 0, true));
            // B fixes 12 of A's failures and breaks 2 of its successes
            b.add(item("d", "pacore:16", "i" + i, cat, i < 2 ? 0 : i < 32 ? 1 : 0, true));
        }
        a.add(item("d", "sere", "only-a", "even", 1, true));
        RunComparison.Comparison c = RunComparison.compare("A", a, "B", b, 500, 0);
        assertThat(c.pairs()).hasSize(1);
        RunComparison.Pair p = c.pairs().get(0);
        assertThat(p.modeA()).isEqualTo("sere");
        assertThat(p.modeB()).isEqualTo("pacore:16");
        assertThat(p.n()).isEqualTo(40);
        assertThat(p.missingInB()).isEqualTo(1);
        assertThat(p.scoreA()).isEqualTo(0.5);
        assertThat(p.scoreB()).isEqualTo(0.75);
        assertThat(p.aOnly()).isEqualTo(2);
        assertThat(p.bOnly()).isEqualTo(12);
        assertThat(p.test()).isEqualTo("mcnemar-exact");
        assertThat(p.pValue()).isCloseTo(2 * (1 + 14 + 91) / Math.pow(2, 14), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.flipCount()).isEqualTo(14);
        assertThat(p.categories()).extracting(RunComparison.Group::name).containsExactly("even", "odd");
        assertThat(p.categories().get(0).n()).isEqualTo(20);
        String md = RunComparison.markdown(c);
        assertThat(md).contains("| d | sere | pacore:16 | 40 | 0.5 | 0.75 | +0.2500 |").contains("flipped items");
    }

    @Test
    void continuousScoresUseThePairedBootstrap() {
        List<ScoredItem> a = new ArrayList<>();
        List<ScoredItem> b = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            a.add(item("g", "sere", "i" + i, "", 0.3 + (i % 5) * 0.05, false));
            b.add(item("g", "sere", "i" + i, "", 0.3 + (i % 5) * 0.05 + (i == 7 ? 0.6 : 0), false));
        }
        RunComparison.Pair p = RunComparison.compare("A", a, "B", b, 500, 0).pairs().get(0);
        assertThat(p.test()).isEqualTo("paired-bootstrap");
        assertThat(p.aOnly()).isNull();
        assertThat(p.flips()).extracting(RunComparison.Flip::id).containsExactly("i7");
    }

    @Test
    void datasetsInOnlyOneRunAreNotCompared() {
        RunComparison.Comparison c = RunComparison.compare("A", List.of(item("x", "sere", "1", "", 1, true)), "B",
                List.of(item("y", "sere", "1", "", 1, true)), 100, 0);
        assertThat(c.pairs()).isEmpty();
        assertThat(RunComparison.markdown(c)).contains("No dataset appears in both runs");
    }

    @Test
    void rescoringTakesTheLastLinePerItemAndCanSwapTheScorer(@TempDir Path dir) throws Exception {
        Path predictions = dir.resolve("predictions.jsonl");
        io.step3vl.eval.run.PredictionCache cache = io.step3vl.eval.run.PredictionCache.open(predictions);
        cache.put(PredictionCacheTest.prediction("old", "The answer is (B)."));
        cache.put(PredictionCacheTest.prediction("old", "The answer is (A)."));
        Files.writeString(predictions, "not json\n", java.nio.file.StandardOpenOption.APPEND);
        Rescorer.Result r = new Rescorer(null, Map.of(), false, Verifier.SELF_CONSISTENCY).rescore(predictions, 5);
        assertThat(r.items()).hasSize(1);
        assertThat(r.items().get(0).score()).isEqualTo(1.0);
        assertThat(r.items().get(0).scorer()).isEqualTo("choice");
        Rescorer.Result exact = new Rescorer("exact", Map.of(), false, Verifier.SELF_CONSISTENCY).rescore(predictions, 5);
        assertThat(exact.items().get(0).score()).isZero();
        assertThat(exact.failures()).hasSize(1);
        assertThat(exact.info().datasets().get(0).scorer()).isEqualTo("exact");
        assertThatThrownBy(() -> new Rescorer(null, Map.of(), false, Verifier.SELF_CONSISTENCY)
                .rescore(dir.resolve("none.jsonl"), 5)).isInstanceOf(UserError.class).hasMessageContaining("no such file");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> new Rescorer(null, Map.of(), false, Verifier.SELF_CONSISTENCY).rescore(empty, 5))
                .isInstanceOf(UserError.class).hasMessageContaining("no predictions");
    }

    @Test
    void summariesAndWrittenFilesAgree(@TempDir Path dir) throws Exception {
        List<ScoredItem> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(item("d", "sere", "i" + i, i < 5 ? "a<b>" : "c|d", i < 7 ? 1 : 0, true));
        }
        List<Summary> summaries = Summaries.compute(null, items, 200);
        assertThat(summaries).hasSize(1);
        Summary s = summaries.get(0);
        assertThat(s.accuracy()).isEqualTo(0.7);
        assertThat(s.metric()).isEqualTo("accuracy");
        assertThat(s.categories()).extracting(Summary.Group::accuracy).containsExactly(1.0, 0.4);
        assertThat(s.tokens().completion()).isEqualTo(50);
        ResultsWriter.writeAll(dir, null, items, summaries, List.of());
        assertThat(Json.readTree(dir.resolve("results.json")).at("/results/0/accuracy").asDouble()).isEqualTo(0.7);
        assertThat(RunFiles.readScores(dir)).hasSize(10);
        assertThat(Files.readString(dir.resolve("results.md"))).contains("| d | sere | 10 | accuracy | 0.7 |")
                .contains("c\\|d");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("a&lt;b&gt;").doesNotContain("<script");
    }

    @Test
    void continuousScoresAreReportedAsMeans() {
        List<ScoredItem> items = List.of(item("g", "sere", "1", "", 0.25, false), item("g", "sere", "2", "", 0.75, false));
        Summary s = Summaries.compute(null, items, 100).get(0);
        assertThat(s.metric()).isEqualTo("mean iou");
        assertThat(s.accuracy()).isEqualTo(0.5);
    }

    @Test
    void aBrokenScoresFileIsAUserErrorWithTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scores.jsonl"), "{\"dataset\":\"d\",\"mode\":\"sere\",\"id\":\"1\",\"score\":1}\n{oops\n");
        assertThatThrownBy(() -> RunFiles.readScores(dir)).isInstanceOf(UserError.class).hasMessageContaining("scores.jsonl:2");
    }
}
