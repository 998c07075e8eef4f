package io.step3vl.inference.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.FakeBackend;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.pacore.Seeds;
import io.step3vl.inference.run.Answerer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private final SamplingParams sampling = SamplingParams.sampled(64, 0);
    @TempDir
    Path dir;

    private Path items(int n) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"id\":\"q").append(i).append("\",\"messages\":[{\"role\":\"user\",\"content\":\"question ")
                    .append(i).append("\"}],\"answer\":\"").append(i).append("\",\"answer_type\":\"number\"}\n");
        }
        Path file = dir.resolve("items.jsonl");
        Files.writeString(file, sb.toString());
        return file;
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void answersEveryItemOnceWithItsOwnSeed() throws Exception {
        FakeBackend backend = FakeBackend.deterministic();
        Path out = dir.resolve("out/results.jsonl");
        BatchRunner.Summary s = BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(7)),
                ResultsFile.open(out), 3, 42, new BatchRunner.Listener() { });

        assertThat(s.total()).isEqualTo(7);
        assertThat(s.succeeded()).isEqualTo(7);
        assertThat(s.skipped()).isZero();
        List<JsonNode> results = lines(out);
        assertThat(results).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder("q0", "q1", "q2", "q3", "q4", "q5", "q6");
        Map<String, JsonNode> byId = results.stream().collect(Collectors.toMap(n -> n.get("id").asText(), Function.identity()));
        assertThat(byId.get("q3").get("seed").asLong()).isEqualTo(Seeds.derive(42, "q3"));
        assertThat(byId.get("q3").get("answer").asText()).startsWith("answer ");
        assertThat(byId.get("q3").get("reasoning").asText()).startsWith("thinking about");
        assertThat(byId.get("q3").get("usage").get("completion_tokens").asInt()).isPositive();
        assertThat(backend.requests()).extracting(r -> r.sampling().seed())
                .containsExactlyInAnyOrderElementsOf(List.of("q0", "q1", "q2", "q3", "q4", "q5", "q6").stream()
                        .map(id -> Seeds.derive(42, id)).toList());
    }

    @Test
    void resumesBySkippingFinishedIdsAndRepairsATornLine() throws Exception {
        Path out = dir.resolve("results.jsonl");
        Files.writeString(out, "{\"id\":\"q0\",\"answer\":\"kept\"}\n{\"id\":\"q2\",\"answer\":\"kept\"}\n{\"id\":\"q4\",\"ans");
        FakeBackend backend = FakeBackend.deterministic();
        List<String> warnings = new CopyOnWriteArrayList<>();
        BatchRunner.Summary s = BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(5)),
                ResultsFile.open(out), 2, 1, new BatchRunner.Listener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
        assertThat(s.skipped()).isEqualTo(2);
        assertThat(s.succeeded()).isEqualTo(3);
        assertThat(backend.requests()).hasSize(3);
        assertThat(warnings).singleElement().asString().contains("torn last line");
        List<JsonNode> results = lines(out); // every line parses: the torn one is gone
        assertThat(results).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder("q0", "q2", "q1", "q3", "q4");
        assertThat(results.get(0).get("answer").asText()).isEqualTo("kept");

        BatchRunner.Summary again = BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(5)),
                ResultsFile.open(out), 2, 1, new BatchRunner.Listener() { });
        assertThat(again.skipped()).isEqualTo(5);
        assertThat(backend.requests()).hasSize(3);
    }

    @Test
    void eachResultIsOnDiskBeforeTheNextItemStarts() throws Exception {
        Path out = dir.resolve("results.jsonl");
        List<Integer> linesSeenAtStart = new CopyOnWriteArrayList<>();
        FakeBackend backend = new FakeBackend((req, i) -> {
            try {
                linesSeenAtStart.add(Files.exists(out) ? Files.readAllLines(out).size() : 0);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
            return new Completion("</think>ok", null, "stop", 1, 1, 0, null, null);
        });
        BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(4)), ResultsFile.open(out), 1, 1,
                new BatchRunner.Listener() { });
        assertThat(linesSeenAtStart).containsExactly(0, 1, 2, 3);
    }

    @Test
    void failedItemsAreReportedLeftOutAndRetriedOnRerun() throws Exception {
        Path out = dir.resolve("results.jsonl");
        boolean[] broken = {true};
        FakeBackend backend = new FakeBackend((req, i) -> {
            if (broken[0] && FakeBackend.lastUserText(req.messages()).equals("question 2")) {
                throw new IllegalStateException("HTTP 503 after retries");
            }
            return new Completion("</think>ok", null, "stop", 1, 1, 0, null, null);
        });
        List<String> failed = new CopyOnWriteArrayList<>();
        BatchRunner.Summary s = BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(4)),
                ResultsFile.open(out), 1, 1, new BatchRunner.Listener() {
                    @Override
                    public void itemFailed(String id, String message) {
                        failed.add(id + ": " + message);
                    }
                });
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.failures()).singleElement().asString().contains("q2 (line 3)").contains("HTTP 503");
        assertThat(failed).containsExactly("q2: HTTP 503 after retries");
        assertThat(lines(out)).hasSize(3);
        broken[0] = false;
        BatchRunner.Summary rerun = BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(4)),
                ResultsFile.open(out), 1, 1, new BatchRunner.Listener() { });
        assertThat(rerun.succeeded()).isEqualTo(1);
        assertThat(lines(out)).hasSize(4);
    }

    @Test
    void givesUpWhenTheFirstItemsAllFail() throws Exception {
        FakeBackend backend = new FakeBackend((req, i) -> {
            throw new UserError("http://h/v1/chat/completions: HTTP 401: bad key");
        });
        assertThatThrownBy(() -> BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(items(40)),
                ResultsFile.open(dir.resolve("r.jsonl")), 2, 1, new BatchRunner.Listener() { }))
                .isInstanceOf(UserError.class).hasMessageContaining("items all failed").hasMessageContaining("bad key");
        assertThat(backend.requests().size()).isLessThan(40);
    }

    @Test
    void imagesAreReadRelativeToTheItemsFile() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/x.png"), PNG);
        Path file = dir.resolve("items.jsonl");
        Files.writeString(file, "{\"id\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":"
                + "\"images/x.png\"},{\"type\":\"text\",\"text\":\"what?\"}]}]}\n", StandardCharsets.UTF_8);
        FakeBackend backend = FakeBackend.deterministic();
        BatchRunner.run(new Answerer(backend, sampling, null, 0), BatchItems.read(file),
                ResultsFile.open(dir.resolve("r.jsonl")), 1, 1, new BatchRunner.Listener() { });
        ChatRequest got = backend.requests().get(0);
        assertThat(got.messages().get(0).images()).singleElement().satisfies(i -> assertThat(i.bytes()).isEqualTo(PNG));
    }

    @Test
    void paCoReItemsKeepEveryRound() throws Exception {
        Path out = dir.resolve("results.jsonl");
        BatchRunner.run(new Answerer(FakeBackend.deterministic(), sampling, List.of(3), 0), BatchItems.read(items(2)),
                ResultsFile.open(out), 2, 5, new BatchRunner.Listener() { });
        for (JsonNode line : lines(out)) {
            assertThat(line.get("pacore").get("rounds_vector").toString()).isEqualTo("[3,1]");
            assertThat(line.get("pacore").get("rounds").get(0)).hasSize(3);
            assertThat(line.get("usage").get("total_completion_tokens").asLong())
                    .isGreaterThan(line.get("usage").get("completion_tokens").asLong());
        }
    }

    @Test
    void badItemFilesNameTheLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n\n{\"id\":\"b\",");
        assertThatThrownBy(() -> BatchItems.read(file)).isInstanceOf(UserError.class).hasMessageStartingWith(file + ":3: malformed JSON");
        Files.writeString(file, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}\n");
        assertThatThrownBy(() -> BatchItems.read(file)).isInstanceOf(UserError.class).hasMessageContaining(":2: id 'a' already used on line 1");
        Files.writeString(file, "{\"id\":\"a\"}\n");
        assertThatThrownBy(() -> BatchItems.read(file)).isInstanceOf(UserError.class).hasMessageContaining(":1: messages:");
        Files.writeString(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n");
        assertThatThrownBy(() -> BatchItems.read(file)).isInstanceOf(UserError.class).hasMessageContaining(":1: id:");
        assertThatThrownBy(() -> BatchItems.read(dir.resolve("none.jsonl"))).isInstanceOf(UserError.class)
                .hasMessageContaining("no such items file");
    }
}
