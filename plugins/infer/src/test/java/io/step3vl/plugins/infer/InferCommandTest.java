package io.step3vl.plugins.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code step3vl infer} under the real host, in-process, against {@code ChatServer} with a scripted backend. */
class InferCommandTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    /** Replies "<think>thought N</think>\n\nreply to: TEXT (seed S)" and records every request. */
    static final class Scripted implements ChatBackend {
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Completion> complete(ChatRequest request) {
            requests.add(request);
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                String text = request.messages().get(request.messages().size() - 1).text();
                String first = text.lines().findFirst().orElse("");
                String content = "<think>thought " + text.length() + "</think>\n\nreply to: " + first
                        + " (seed " + request.sampling().seed() + ")";
                out.add(new Completion(content, null, "stop", text.length(), 11, 0.001, null, null));
            }
            return out;
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    private final Scripted backend = new Scripted();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ChatServer server;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = ChatServer.start(backend, ServerOptions.defaults("step3-vl", SamplingParams.sampled(64, 0))
                .withAddress("127.0.0.1", 0), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    private int run(String stdin, Map<String, String> env, String... args) {
        InferCommand command = new InferCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, env);
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(command).build().execute(args);
    }

    private String endpoint() {
        return server.baseUrl().toString();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersAPromptWithoutItsReasoning() {
        assertThat(run("", "infer", "--endpoint", endpoint(), "--seed", "7", "How", "many?")).as(err()).isZero();
        assertThat(out()).isEqualTo("reply to: How many? (seed 7)\n");
        ChatRequest sent = backend.requests.get(0);
        assertThat(sent.messages()).containsExactly(ChatMessage.user("How many?"));
        assertThat(sent.sampling().thinking()).isTrue();
        assertThat(sent.sampling().maxTokens()).isEqualTo(8192);
        assertThat(sent.sampling().temperature()).isEqualTo(1.0);
    }

    @Test
    void showsReasoningOnRequestWithoutEscapeCodesOffATerminal() {
        assertThat(run("", "infer", "--endpoint", endpoint(), "--seed", "1", "--show-reasoning", "hi")).as(err()).isZero();
        assertThat(out()).isEqualTo("thought 2\n\nreply to: hi (seed 1)\n").doesNotContain("\u001b[");
    }

    @Test
    void samplingFlagsImagesAndSystemReachTheBackend() throws Exception {
        Files.write(dir.resolve("shapes.png"), PNG);
        assertThat(run("", "infer", "--endpoint", endpoint(), "--served-model", "step3-vl", "--no-think",
                "--temperature", "0.5", "--top-p", "0.9", "--top-k", "20", "--min-p", "0.1", "--repetition-penalty", "1.2",
                "--max-tokens", "77", "--stop", "END", "--seed", "3", "--system", "Be brief.",
                "--image", dir.resolve("shapes.png").toString(), "Count")).as(err()).isZero();
        ChatRequest sent = backend.requests.get(0);
        assertThat(sent.sampling()).isEqualTo(new SamplingParams(0.5, 0.9, 20, 0.1, 1.2, 77, 3, List.of("END"), false));
        assertThat(sent.messages().get(0)).isEqualTo(ChatMessage.system("Be brief."));
        assertThat(sent.messages().get(1).images()).singleElement().satisfies(i -> assertThat(i.bytes()).isEqualTo(PNG));
    }

    @Test
    void jsonHasAnswerReasoningTokensAndTimings() throws Exception {
        assertThat(run("", "infer", "--endpoint", endpoint(), "--seed", "5", "--json", "2+2?")).as(err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.get("answer").asText()).isEqualTo("reply to: 2+2? (seed 5)");
        assertThat(json.get("reasoning").asText()).isEqualTo("thought 4");
        assertThat(json.get("seed").asLong()).isEqualTo(5);
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(11);
        assertThat(json.get("timings").get("seconds").asDouble()).isPositive();
        assertThat(json.get("backend").asText()).contains("step3-vl");
    }

    @Test
    void paCoReRunsEveryRoundAndReportsThem() throws Exception {
        assertThat(run("", "infer", "--endpoint", endpoint(), "--pacore", "3", "--seed", "9", "--json", "Solve it")).as(err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.get("pacore").get("rounds_vector").toString()).isEqualTo("[3,1]");
        assertThat(backend.requests).hasSize(4);
        assertThat(backend.requests.get(3).messages().get(0).text()).startsWith("You are given a problem")
                .contains("Original Problem:\nSolve it").contains("Reference 3:");
        assertThat(json.get("answer").asText()).startsWith("reply to: You are given a problem");

        out.reset();
        backend.requests.clear();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--rounds", "2,2", "Q")).as(err()).isZero();
        assertThat(backend.requests).hasSize(5);
        assertThat(err()).contains("PaCoRe round 1/3: 2 requests", "PaCoRe round 3/3: 1 request");
    }

    @Test
    void promptsComeFromStdinOrAFile() throws Exception {
        assertThat(run("from stdin\n", "infer", "--endpoint", endpoint(), "--seed", "1")).as(err()).isZero();
        assertThat(out()).isEqualTo("reply to: from stdin (seed 1)\n");
        out.reset();
        assertThat(run("dash\n", "infer", "--endpoint", endpoint(), "--seed", "1", "-")).as(err()).isZero();
        assertThat(out()).isEqualTo("reply to: dash (seed 1)\n");
        out.reset();
        Files.writeString(dir.resolve("p.txt"), "from a file\nline two\n");
        assertThat(run("", "infer", "--endpoint", endpoint(), "--seed", "1", "--prompt-file", dir.resolve("p.txt").toString()))
                .as(err()).isZero();
        assertThat(out()).isEqualTo("reply to: from a file (seed 1)\n");
        assertThat(backend.requests.get(2).messages().get(0).text()).isEqualTo("from a file\nline two");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        assertThat(run("", "infer", "hi")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl infer: --model/--endpoint: give exactly one: a checkpoint directory or an endpoint URL\n");
        err.reset();
        assertThat(run("", "infer", "--model", dir.toString(), "hi")).isEqualTo(2); // an empty directory
        assertThat(err()).startsWith("step3vl infer: " + dir).hasLineCount(1);
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(err()).contains("no prompt");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--temperature", "-1", "hi")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl infer: --temperature: expected >= 0 (0 = greedy), got -1.0\n");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--pacore", "4", "--rounds", "4,2", "hi")).isEqualTo(2);
        assertThat(err()).contains("give at most one");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--pacore", "4", "--max-context", "100", "--max-tokens", "200", "hi")).isEqualTo(2);
        assertThat(err()).contains("max-context");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--served-model", "gpt-9", "hi")).isEqualTo(2);
        assertThat(err()).contains("HTTP 404").contains("gpt-9").hasLineCount(1);
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--api-key-env", "NO_SUCH_KEY", "hi")).isEqualTo(2);
        assertThat(err()).contains("NO_SUCH_KEY is not set");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--image", dir.resolve("none.png").toString(), "hi")).isEqualTo(2);
        assertThat(err()).contains("no such image file");
        err.reset();
        assertThat(run("", "infer", "--endpoint", "ftp://x", "hi")).isEqualTo(2);
        assertThat(err()).contains("expected an http(s) URL");
        assertThat(backend.requests).isEmpty();
    }

    @Test
    void theApiKeyComesFromTheNamedVariable() {
        server.close();
        server = ChatServer.start(backend, ServerOptions.defaults("step3-vl", SamplingParams.sampled(64, 0))
                .withAddress("127.0.0.1", 0).withApiKey("k3y"), null);
        assertThat(run("", Map.of("MY_KEY", "k3y"), "infer", "--endpoint", endpoint(), "--api-key-env", "MY_KEY", "hi"))
                .as(err()).isZero();
        assertThat(run("", Map.of("MY_KEY", "wrong"), "infer", "--endpoint", endpoint(), "--api-key-env", "MY_KEY", "hi"))
                .isEqualTo(2);
        assertThat(err()).contains("HTTP 401");
    }

    @Test
    void batchModeAppendsResultsAndResumes() throws Exception {
        Path items = dir.resolve("items.jsonl");
        Files.writeString(items, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"}],\"answer\":\"1\"}\n"
                + "{\"id\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"second\"}],\"answer\":\"2\"}\n");
        Path results = dir.resolve("out/results.jsonl");
        assertThat(run("", "infer", "--endpoint", endpoint(), "--input", items.toString(), "--output", results.toString(),
                "--concurrency", "2", "-q")).as(err()).isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"id\":\"a\"", "reply to: first"));
        assertThat(out()).contains("2 answered, 0 skipped");

        Files.writeString(items, "{\"id\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"third\"}]}\n",
                java.nio.file.StandardOpenOption.APPEND);
        out.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--input", items.toString(), "--output", results.toString(),
                "--json", "-q")).as(err()).isZero();
        JsonNode summary = Json.MAPPER.readTree(out());
        assertThat(summary.get("skipped").asInt()).isEqualTo(2);
        assertThat(summary.get("answered").asInt()).isEqualTo(1);
        assertThat(Files.readAllLines(results)).hasSize(3);
        assertThat(backend.requests).hasSize(3);

        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--input", items.toString(), "hi")).isEqualTo(2);
        assertThat(err()).contains("--input: batch mode");
        err.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--input", items.toString())).isEqualTo(2);
        assertThat(err()).contains("--output");
    }

    @Test
    void theChatKeepsTheConversationAndObeysCommands() throws Exception {
        Files.write(dir.resolve("cat.png"), PNG);
        String script = String.join("\n", "hello", "/think", "/image " + dir.resolve("cat.png"), "/pacore 2",
                "second \\", "line", "/pacore off", "/reset", "/bogus", "again", "/quit", "never sent", "");
        assertThat(run(script, "infer", "--endpoint", endpoint(), "--chat", "--seed", "100")).as(err()).isZero();

        assertThat(backend.requests).as(out() + err()).hasSize(1 + 3 + 1);
        ChatRequest first = backend.requests.get(0);
        assertThat(first.messages()).containsExactly(ChatMessage.user("hello"));
        assertThat(first.sampling().thinking()).isTrue();
        ChatRequest synthesis = backend.requests.get(3);
        assertThat(synthesis.sampling().thinking()).isFalse();
        assertThat(synthesis.messages()).hasSize(3);
        assertThat(synthesis.messages().get(1)).isEqualTo(ChatMessage.assistant("reply to: hello (seed 100)"));
        assertThat(synthesis.messages().get(2).text()).contains("Original Problem:\nsecond \nline");
        assertThat(synthesis.messages().get(2).images()).hasSize(1);
        ChatRequest afterReset = backend.requests.get(4);
        assertThat(afterReset.messages()).containsExactly(ChatMessage.user("again"));
        assertThat(out()).contains("reply to: hello (seed 100)", "(thinking off)", "(attached", "(PaCoRe on: 2 rollouts",
                "(new conversation)", "unknown command /bogus", "reply to: again").doesNotContain("never sent");
    }

    @Test
    void helpShowsExamplesAndDryRunShowsOptions() {
        assertThat(run("", "infer", "--help")).isZero();
        assertThat(out()).contains("Examples:", "--pacore-preset medium", "--input bench.jsonl", "--show-reasoning", "--[no-]think");
        out.reset();
        assertThat(run("", "infer", "--endpoint", endpoint(), "--pacore", "16", "--dry-run", "hi")).isZero();
        assertThat(out()).contains("pacore: 16", "max-tokens: 8192", "think: true");
        assertThat(backend.requests).isEmpty();
    }
}
