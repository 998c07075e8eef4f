package io.step3vl.plugins.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.Datasets;
import io.step3vl.eval.data.EvalItem;
import io.step3vl.eval.data.Suite;
import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code step3vl eval} under the real host, in-process, against {@code step3vl serve}'s server on
 * loopback with a scripted model behind it: the whole path a user's endpoint run takes.
 */
class EvalCommandTest {
    /** Answers every fixture question in a reasoning model's style; right or always wrong. */
    static final class Scripted implements ChatBackend {
        final Map<String, Reference> byQuestion = new HashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        final boolean right;

        Scripted(Path fixtures, boolean right) {
            this.right = right;
            List<DatasetSpec> specs = new ArrayList<>(Suite.load(fixtures.resolve("suite.yaml")).datasets());
            specs.add(DatasetSpec.of(fixtures.resolve("mini.tsv")));
            specs.add(DatasetSpec.of(fixtures.resolve("items.jsonl")));
            for (DatasetSpec spec : specs) {
                for (EvalItem item : Datasets.readAll(spec)) {
                    byQuestion.put(item.question(), item.reference());
                }
            }
        }

        @Override
        public List<Completion> complete(ChatRequest request) {
            requests.incrementAndGet();
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            Reference ref = byQuestion.get(last.text());
            String answer = ref == null ? "I do not know." : reply(ref);
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                out.add(new Completion("<think>Considering (C) and 42.</think>\n\n" + answer, null, "stop", 30, 12, 0.001,
                        null, null));
            }
            return out;
        }

        private String reply(Reference ref) {
            String gold = ref.answer();
            return switch (ref.type()) {
                case CHOICE -> "The answer is (" + (right ? gold : gold.equals("A") ? "B" : "A") + ").";
                case NUMBER -> "There are " + (right ? gold : "99") + ".";
                case MATH -> right ? "\\boxed{" + gold + "}" : "\\boxed{0}";
                case TEXT, OCR -> right ? gold : "nothing";
                case BOX -> right ? (gold.startsWith("[25") ? "[250, 250, 750, 625]" : gold) : "[0, 0, 10, 10]";
                case POINT -> right ? (gold.equals("[500, 500]") ? gold : "[500, 437]") : "[1, 999]";
            };
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    @TempDir
    Path dir;
    private Path fixtures;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Scripted good;
    private Scripted bad;
    private ChatServer goodServer;
    private ChatServer badServer;

    @BeforeEach
    void start() throws Exception {
        fixtures = Path.of(getClass().getResource("/fixtures/mini.tsv").toURI()).getParent();
        good = new Scripted(fixtures, true);
        bad = new Scripted(fixtures, false);
        ServerOptions options = ServerOptions.defaults("step3-vl", SamplingParams.sampled(64, 0)).withAddress("127.0.0.1", 0);
        goodServer = ChatServer.start(good, options, null);
        badServer = ChatServer.start(bad, options, null);
    }

    @AfterEach
    void stop() {
        goodServer.close();
        badServer.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new EvalCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String fixture(String name) {
        return fixtures.resolve(name).toString();
    }

    @Test
    void evaluatesAgainstAnEndpointAndPrintsTheResultsObject() throws Exception {
        Path run = dir.resolve("run");
        int code = run("eval", "--data", fixture("mini.tsv"), "--data", fixture("items.jsonl"), "--endpoint",
                goodServer.baseUrl().toString(), "--mode", "sere,majority:3", "--out", run.toString(), "--json", "-q",
                "--max-tokens", "64");
        assertThat(code).as(err()).isZero();
        JsonNode results = Json.MAPPER.readTree(out());
        assertThat(results.get("results")).hasSize(4);
        for (JsonNode r : results.get("results")) {
            assertThat(r.get("accuracy").asDouble()).as(r.toString()).isEqualTo(1.0);
            assertThat(r.get("n").asInt()).isIn(6, 10);
            assertThat(r.get("ci95")).hasSize(2);
            assertThat(r.get("sampling").get("max_tokens").asInt()).isEqualTo(64);
        }
        assertThat(results.at("/run/backend").asText()).contains(goodServer.baseUrl().toString());
        for (String f : List.of("predictions.jsonl", "scores.jsonl", "results.json", "results.md", "report.html", "config.yaml")) {
            assertThat(run.resolve(f)).isRegularFile();
        }
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("max-tokens: 64");

        // the same command again resumes: nothing is sent
        int before = good.requests.get();
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--data", fixture("items.jsonl"), "--endpoint",
                goodServer.baseUrl().toString(), "--mode", "sere", "--mode", "majority:3", "--out", run.toString(), "-q",
                "--max-tokens", "64")).as(err()).isZero();
        assertThat(good.requests.get()).isEqualTo(before);
        assertThat(out()).contains("| mini | sere | 6 | accuracy | 1 |").contains("wrote " + run.resolve("report.html"));
    }

    @Test
    void runsASuiteWithItsModesAndTheScoreAndCompareSubcommandsWork() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("eval", "--suite", fixture("suite.yaml"), "--endpoint", goodServer.baseUrl().toString(),
                "--limit", "4", "--out", a.toString(), "-q")).as(err()).isZero();
        assertThat(Files.readString(a.resolve("results.json"))).contains("\"mode\" : \"majority:4\"");
        assertThat(Json.readTree(a.resolve("results.json")).get("results"))
                .allSatisfy(r -> assertThat(r.get("accuracy").asDouble()).as(r.toString()).isEqualTo(1.0));
        assertThat(run("eval", "--suite", fixture("suite.yaml"), "--endpoint", badServer.baseUrl().toString(),
                "--limit", "4", "--out", b.toString(), "--json", "-q")).as(err()).isZero();
        JsonNode bad = Json.MAPPER.readTree(out());
        assertThat(bad.get("results")).hasSize(4).allSatisfy(r -> assertThat(r.get("accuracy").asDouble()).isZero());

        assertThat(run("eval", "compare", a.toString(), b.toString(), "--json", "-q")).as(err()).isZero();
        JsonNode cmp = Json.MAPPER.readTree(out());
        assertThat(cmp.get("pairs")).hasSize(4);
        JsonNode first = cmp.get("pairs").get(0);
        assertThat(first.get("delta").asDouble()).isEqualTo(-1.0);
        assertThat(first.get("test").asText()).isEqualTo("mcnemar-exact");
        assertThat(first.get("a_only").asInt()).isEqualTo(4);
        assertThat(first.get("p_value").asDouble()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(first.get("flips")).hasSize(4);
        assertThat(run("eval", "compare", a.toString(), b.resolve("scores.jsonl").toString(), "-q")).isZero();
        assertThat(out()).contains("# Comparison").contains("mcnemar-exact").contains("flipped items");

        // re-score the good run with another scorer: exact match cannot read "(B)" as "B"
        assertThat(run("eval", "score", "--predictions", a.resolve("predictions.jsonl").toString(), "--scorer", "exact",
                "--json", "-q")).as(err()).isZero();
        JsonNode rescored = Json.MAPPER.readTree(out());
        assertThat(rescored.at("/results/0/scorer").asText()).isEqualTo("exact");
        assertThat(rescored.at("/results/0/accuracy").asDouble()).isLessThan(1.0);
        assertThat(a.resolve("rescored/results.json")).isRegularFile();
        // and with the run's own scorers again: the original numbers
        assertThat(run("eval", "score", "--predictions", a.resolve("predictions.jsonl").toString(), "--out",
                dir.resolve("same").toString(), "--json", "-q")).as(err()).isZero();
        assertThat(Json.MAPPER.readTree(out()).at("/results/0/accuracy").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertThat(run("eval", "--endpoint", goodServer.baseUrl().toString())).isEqualTo(2);
        assertThat(err().strip()).contains("--data/--suite").doesNotContain("\n");
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", goodServer.baseUrl().toString(), "--mode",
                "pacore:0")).isEqualTo(2);
        assertThat(err()).contains("--mode: expected");
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", "http://127.0.0.1:1/v1", "--model",
                dir.toString())).isEqualTo(2);
        assertThat(err()).contains("give exactly one");
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--model", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err()).contains("missing");
        assertThat(run("eval", "--data", dir.resolve("nope.jsonl").toString(), "--endpoint", "http://127.0.0.1:1/v1"))
                .isEqualTo(2);
        assertThat(err()).contains("nope.jsonl").contains("no such file");
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", goodServer.baseUrl().toString(),
                "--scorer", "bleu")).isEqualTo(2);
        assertThat(err()).contains("scorer: expected one of");
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", goodServer.baseUrl().toString(),
                "--mode", "best-of:2", "--verifier", "judge", "--out", dir.resolve("j").toString())).isEqualTo(2);
        assertThat(err()).contains("--judge-endpoint");
        assertThat(run("eval", "score", "--predictions", dir.resolve("none.jsonl").toString())).isEqualTo(2);
        assertThat(run("eval", "compare", dir.toString(), dir.toString())).isEqualTo(2);
        assertThat(err()).contains("scores.jsonl");
    }

    @Test
    void helpShowsExamplesAndDryRunTouchesNothing() {
        assertThat(run("eval", "--help")).isZero();
        assertThat(out()).contains("Examples:", "--mode", "pacore:16", "score", "compare");
        assertThat(run("eval", "score", "--help")).isZero();
        assertThat(out()).contains("Examples:", "--predictions");
        assertThat(run("eval", "compare", "--help")).isZero();
        assertThat(out()).contains("Examples:", "RUN_A");
        int before = good.requests.get();
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", goodServer.baseUrl().toString(),
                "--mode", "rounds:32,4", "--dry-run")).isZero();
        assertThat(out()).contains("rounds:32,4");
        // the negated forms of the tri-state switches (unset = the suite decides) parse
        assertThat(run("eval", "--data", fixture("mini.tsv"), "--endpoint", goodServer.baseUrl().toString(),
                "--no-think", "--no-score-reasoning", "--dry-run")).as(err()).isZero();
        assertThat(out()).contains("no-think: true", "no-score-reasoning: true");
        assertThat(good.requests.get()).isEqualTo(before);
    }

    @Test
    void everyModeRunsThroughTheEndpoint() throws Exception {
        Path run = dir.resolve("modes");
        assertThat(run("eval", "--data", fixture("items.jsonl"), "--endpoint", goodServer.baseUrl().toString(),
                "--mode", "sere,pacore:2,rounds:2,2,majority:3,best-of:2", "--out", run.toString(), "--json", "-q",
                "--concurrency", "3")).as(err()).isZero();
        JsonNode results = Json.MAPPER.readTree(out());
        List<String> modes = new ArrayList<>();
        results.get("results").forEach(r -> modes.add(r.get("mode").asText()));
        assertThat(modes).containsExactly("sere", "pacore:2", "rounds:2,2", "majority:3", "best-of:2");
    }
}
