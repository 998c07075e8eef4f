package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.PromptTemplate;
import io.step3vl.eval.report.Summary;
import io.step3vl.inference.SamplingParams;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs over the fixtures with the scripted backend: every mode, resume, invalidation, failures. */
class EvalRunnerTest {
    static Path fixtures;
    static DatasetSpec tsv;
    static DatasetSpec jsonl;
    static final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws URISyntaxException {
        fixtures = Path.of(EvalRunnerTest.class.getResource("/fixtures/mini.tsv").toURI()).getParent();
        tsv = DatasetSpec.of(fixtures.resolve("mini.tsv")).withScorer("choice", Map.of());
        jsonl = DatasetSpec.of(fixtures.resolve("items.jsonl"));
        Progress.configure(Progress.Mode.QUIET, new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    static RunConfig config(Path out, List<String> modes) {
        return RunConfig.of(List.of(tsv, jsonl), Mode.parseAll(modes), SamplingParams.sampled(256, 0), out)
                .withSeed(7).withMaxContext(0);
    }

    static Evaluation.Outcome run(RunConfig cfg, ScriptedBackend backend) {
        return Evaluation.run(cfg, backend, null, warnings::add);
    }

    static List<String> scoreLines(Path dir) throws Exception {
        // Latency differs between runs; everything else about a verdict must not.
        return Files.readAllLines(dir.resolve("scores.jsonl")).stream()
                .map(l -> l.replaceAll("\"latency_seconds\":[0-9.Ee-]+", "")).collect(Collectors.toList());
    }

    static Summary summary(Evaluation.Outcome o, String dataset, String mode) {
        return o.summaries().stream().filter(s -> s.dataset().equals(dataset) && s.mode().equals(mode)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyModeScoresEveryItemAndAPerfectModelGetsFullMarks(@TempDir Path out) throws Exception {
        List<String> modes = List.of("sere", "pacore:3", "rounds:3,2", "majority:5", "best-of:4");
        ScriptedBackend perfect = new ScriptedBackend(List.of(tsv, jsonl), 1.0, "perfect");
        Evaluation.Outcome o = run(config(out, modes), perfect);
        assertThat(o.summaries()).hasSize(10);
        for (Summary s : o.summaries()) {
            assertThat(s.n()).isEqualTo(s.dataset().equals("mini") ? 6 : 10);
            assertThat(s.accuracy()).as(s.dataset() + " " + s.mode() + " " + Files.readAllLines(out.resolve("scores.jsonl"))
                    .stream().filter(l -> !l.contains("\"score\":1.0")).toList()).isEqualTo(1.0);
            assertThat(s.errors()).isZero();
        }
        // requests: sere 1, pacore:3 = 3 + 1, rounds:3,2 = 3 + 2 + 1, majority/best-of one n=K request each
        assertThat(perfect.calls.get()).isEqualTo(16 * (1 + 4 + 6 + 1 + 1));
        assertThat(perfect.completions.get()).isEqualTo(16 * (1 + 4 + 6 + 5 + 4));
        Summary majority = summary(o, "items", "majority:5");
        assertThat(majority.k()).isEqualTo(5);
        assertThat(majority.passAtK()).isEqualTo(1.0);
        for (String f : List.of("predictions.jsonl", "scores.jsonl", "results.json", "results.md", "report.html")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        JsonNode results = Json.readTree(out.resolve("results.json"));
        assertThat(results.at("/results/0/accuracy").asDouble()).isEqualTo(1.0);
        assertThat(results.at("/results/0/ci95").size()).isEqualTo(2);
        assertThat(results.at("/results/0/extraction").asText()).contains("choice:");
        assertThat(results.at("/run/sampling/temperature").asDouble()).isEqualTo(1.0);
        // PaCoRe keeps every round for inspection
        JsonNode pacore = Files.readAllLines(out.resolve("predictions.jsonl")).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.get("mode").asText().equals("rounds:3,2")).findFirst().orElseThrow();
        assertThat(pacore.get("rounds")).hasSize(2);
        assertThat(pacore.get("rounds").get(0)).hasSize(3);
        assertThat(pacore.get("rounds").get(1)).hasSize(2);
        assertThat(pacore.get("samples")).hasSize(1);
    }

    @Test
    void aModelThatIsAlwaysWrongScoresZeroInEveryMode(@TempDir Path out) {
        ScriptedBackend wrong = new ScriptedBackend(List.of(tsv, jsonl), 0.0, "wrong");
        Evaluation.Outcome o = run(config(out, List.of("sere", "pacore:2", "majority:3", "best-of:3")), wrong);
        for (Summary s : o.summaries()) {
            assertThat(s.accuracy()).as(s.dataset() + " " + s.mode()).isZero();
        }
    }

    @Test
    void categoriesIntervalsAndSamplingStatsAreReported(@TempDir Path out) {
        ScriptedBackend half = new ScriptedBackend(List.of(tsv, jsonl), 0.6, "p06");
        Evaluation.Outcome o = run(config(out, List.of("sere", "majority:7")), half);
        Summary sere = summary(o, "items", "sere");
        assertThat(sere.ci95()[0]).isLessThanOrEqualTo(sere.accuracy());
        assertThat(sere.ci95()[1]).isGreaterThanOrEqualTo(sere.accuracy());
        assertThat(sere.categories()).extracting(Summary.Group::name)
                .contains("shape", "counting", "arithmetic", "grounding", "pointing", "ocr");
        assertThat(sere.categories().stream().mapToInt(Summary.Group::n).sum()).isEqualTo(10);
        assertThat(sere.l2Categories()).extracting(Summary.Group::name).containsExactly("perception", "reasoning");
        assertThat(sere.tokens().completion()).isPositive();
        assertThat(sere.latencyS().p50()).isGreaterThanOrEqualTo(0);
        Summary maj = summary(o, "items", "majority:7");
        assertThat(maj.passAtK()).isGreaterThanOrEqualTo(maj.meanAtK());
    }

    @Test
    void aKilledRunResumesWhereItStoppedAndEndsWithTheSameResults(@TempDir Path tmp) throws Exception {
        List<String> modes = List.of("sere", "majority:3");
        Path whole = tmp.resolve("whole");
        run(config(whole, modes), new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m"));

        Path resumed = tmp.resolve("resumed");
        ScriptedBackend dying = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        dying.killAfterCalls = 11;
        assertThatThrownBy(() -> run(config(resumed, modes), dying)).isInstanceOf(ScriptedBackend.SimulatedKill.class);
        long saved = Files.readAllLines(resumed.resolve("predictions.jsonl")).size();
        assertThat(saved).isEqualTo(11);
        // a torn line from the kill is tolerated
        Files.writeString(resumed.resolve("predictions.jsonl"), "{\"key\":\"torn", java.nio.file.StandardOpenOption.APPEND);

        ScriptedBackend again = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        Evaluation.Outcome o = run(config(resumed, modes), again);
        assertThat(again.calls.get()).isEqualTo(16 * 2 - 11);
        assertThat(o.info().reused()).isEqualTo(11);
        assertThat(o.info().generated()).isEqualTo(21);
        assertThat(scoreLines(resumed)).isEqualTo(scoreLines(whole));

        // a third run generates nothing
        ScriptedBackend idle = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        run(config(resumed, modes), idle);
        assertThat(idle.calls.get()).isZero();
    }

    @Test
    void aChangedConfigInvalidatesOnlyWhatItMust(@TempDir Path out) {
        List<String> modes = List.of("sere");
        run(config(out, modes), new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m"));

        // another prompt template for the TSV: only its 6 items are generated again
        DatasetSpec reprompted = tsv.withPrompt(new PromptTemplate("terse", "{question}\n{options}\nLetter only.", null, null));
        RunConfig changedPrompt = config(out, modes).withDatasets(List.of(reprompted, jsonl));
        ScriptedBackend b1 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(changedPrompt, b1);
        assertThat(b1.calls.get()).isEqualTo(6);

        // a new mode: only that mode is generated
        ScriptedBackend b2 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(changedPrompt.withSampling(changedPrompt.sampling()), b2);
        assertThat(b2.calls.get()).isZero();
        RunConfig withMajority = new RunConfig(changedPrompt.datasets(), Mode.parseAll(List.of("sere", "majority:2")),
                changedPrompt.sampling(), 0, 7, 1, false, Verifier.SELF_CONSISTENCY, out, 200, 20, 5);
        ScriptedBackend b3 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(withMajority, b3);
        assertThat(b3.calls.get()).isEqualTo(16);

        // another scorer: nothing is generated, scores change
        RunConfig rescored = changedPrompt.withDatasets(List.of(reprompted, jsonl.withScorer("exact", Map.of())));
        ScriptedBackend b4 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(rescored, b4);
        assertThat(b4.calls.get()).isZero();

        // other generation settings (max tokens, seed, backend): everything again
        ScriptedBackend b5 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(changedPrompt.withSampling(changedPrompt.sampling().withMaxTokens(128)), b5);
        assertThat(b5.calls.get()).isEqualTo(16);
        ScriptedBackend b6 = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "m");
        run(changedPrompt.withSeed(8), b6);
        assertThat(b6.calls.get()).isEqualTo(16);
        ScriptedBackend other = new ScriptedBackend(List.of(reprompted, jsonl), 0.5, "other-model");
        run(changedPrompt, other);
        assertThat(other.calls.get()).isEqualTo(16);
    }

    @Test
    void concurrencyBoundsItemsInFlightAndDoesNotChangeResults(@TempDir Path tmp) throws Exception {
        List<String> modes = List.of("sere", "majority:3");
        ScriptedBackend serial = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        run(config(tmp.resolve("serial"), modes), serial);
        assertThat(serial.maxInFlight.get()).isEqualTo(1);

        ScriptedBackend parallel = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        parallel.delayMillis = 20;
        run(config(tmp.resolve("parallel"), modes).withConcurrency(4), parallel);
        assertThat(parallel.maxInFlight.get()).isBetween(2, 4);
        assertThat(scoreLines(tmp.resolve("parallel"))).isEqualTo(scoreLines(tmp.resolve("serial")));
    }

    @Test
    void aFailedItemCountsAsWrongAndIsRetriedByTheNextRun(@TempDir Path out) {
        ScriptedBackend flaky = new ScriptedBackend(List.of(tsv, jsonl), 1.0, "m");
        flaky.failQuestionContaining = "Read the label.";
        flaky.failWith = new IllegalStateException("HTTP 503 from the endpoint");
        Evaluation.Outcome o = run(config(out, List.of("sere")), flaky);
        Summary items = summary(o, "items", "sere");
        assertThat(items.errors()).isEqualTo(1);
        assertThat(items.accuracy()).isEqualTo(0.9);
        assertThat(o.info().failed()).isEqualTo(1);
        assertThat(warnings).anyMatch(w -> w.contains("ocr-1") && w.contains("HTTP 503"));

        ScriptedBackend healthy = new ScriptedBackend(List.of(tsv, jsonl), 1.0, "m");
        Evaluation.Outcome again = run(config(out, List.of("sere")), healthy);
        assertThat(healthy.calls.get()).isEqualTo(1);
        assertThat(summary(again, "items", "sere").accuracy()).isEqualTo(1.0);
    }

    @Test
    void aDeadBackendStopsTheRunAndAUserErrorStopsItAtOnce(@TempDir Path tmp) {
        ScriptedBackend dead = new ScriptedBackend(List.of(tsv, jsonl), 1.0, "m");
        dead.failWith = new IllegalStateException("connection refused");
        RunConfig cfg = config(tmp.resolve("a"), List.of("sere")).withMaxConsecutiveFailures(3);
        assertThatThrownBy(() -> run(cfg, dead)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 items failed in a row").hasMessageContaining("connection refused");
        assertThat(dead.calls.get()).isEqualTo(3);

        ScriptedBackend unauthorised = new ScriptedBackend(List.of(tsv, jsonl), 1.0, "m");
        unauthorised.failWith = new UserError("http://x/v1: 401 Unauthorized: check --api-key-env");
        assertThatThrownBy(() -> run(config(tmp.resolve("b"), List.of("sere")), unauthorised))
                .isInstanceOf(UserError.class).hasMessageContaining("401");
        assertThat(unauthorised.calls.get()).isEqualTo(1);
    }

    @Test
    void bestOfWithAJudgeRecordsTheJudgesChoice(@TempDir Path out) throws Exception {
        ScriptedBackend model = new ScriptedBackend(List.of(tsv, jsonl), 0.5, "m");
        io.step3vl.inference.ChatBackend judge = new io.step3vl.inference.ChatBackend() {
            @Override
            public List<io.step3vl.inference.Completion> complete(io.step3vl.inference.ChatRequest request) {
                String prompt = ScriptedBackend.lastUserText(request.messages());
                assertThat(prompt).contains("Candidate 1:").contains("Candidate 3:").doesNotContain("I considered (C)");
                return List.of(new io.step3vl.inference.Completion("<think>hmm</think>Candidate 2 is best.", null,
                        "stop", 10, 5, 0.01, null, null));
            }

            @Override
            public String describe() {
                return "judge-double";
            }
        };
        RunConfig cfg = config(out, List.of("best-of:3")).withVerifier(Verifier.JUDGE);
        Evaluation.Outcome o = Evaluation.run(cfg, model, judge, warnings::add);
        assertThat(o.info().judge()).isEqualTo("judge-double");
        assertThat(summary(o, "items", "best-of:3").judge()).contains("judge-double");
        for (String line : Files.readAllLines(out.resolve("predictions.jsonl"))) {
            JsonNode p = Json.MAPPER.readTree(line);
            assertThat(p.get("selected").asInt()).isEqualTo(1);
            assertThat(p.get("judge").asText()).isEqualTo("judge-double");
        }
        assertThatThrownBy(() -> Evaluation.run(cfg, model, null, warnings::add)).isInstanceOf(UserError.class)
                .hasMessageContaining("judge");
    }
}
