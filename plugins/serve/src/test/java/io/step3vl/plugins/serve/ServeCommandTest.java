package io.step3vl.plugins.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code step3vl serve} under the real host, in-process, as a proxy in front of an upstream
 * {@link ChatServer} with a scripted backend (fast and exact about what reaches the backend).
 */
class ServeCommandTest {
    /** Replies "<think>why</think>\n\necho: TEXT" and records the requests. */
    static final class Echo implements ChatBackend {
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Completion> complete(ChatRequest request) {
            requests.add(request);
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                String text = request.messages().get(request.messages().size() - 1).text();
                out.add(new Completion("<think>why " + i + "</think>\n\necho: " + text, null, "stop", 3, 5, 0, null, null));
            }
            return out;
        }

        @Override
        public String describe() {
            return "echo";
        }
    }

    private final Echo echo = new Echo();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ChatServer upstream;
    @TempDir
    Path dir;

    @BeforeEach
    void startUpstream() {
        upstream = ChatServer.start(echo, ServerOptions.defaults("up", SamplingParams.sampled(64, 0))
                .withAddress("127.0.0.1", 0), null);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** Runs serve in the background; the future completes with the running server. */
    private CompletableFuture<Integer> serve(Map<String, String> env, CompletableFuture<ChatServer> started, String... args) {
        ServeCommand command = new ServeCommand(env, started::complete);
        return CompletableFuture.supplyAsync(() -> {
            int code = Step3vl.builder().home(null).env(Map.of()).interactive(false)
                    .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                    .command(command).build().execute(args);
            started.complete(null);
            return code;
        });
    }

    private int runToEnd(String... args) throws Exception {
        return serve(Map.of(), new CompletableFuture<>(), args).get(60, TimeUnit.SECONDS);
    }

    @Test
    void servesChatCompletionsUntilClosed() throws Exception {
        CompletableFuture<ChatServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = serve(Map.of("KEY", "s3cret"), started, "serve", "--endpoint",
                upstream.baseUrl().toString(), "--port", "0", "--name", "step3-vl", "--api-key-env", "KEY", "--json", "-v");
        ChatServer server = started.get(60, TimeUnit.SECONDS);
        assertThat(server).as(err.toString()).isNotNull();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();

        OpenAiClient client = new OpenAiClient(server.baseUrl(), "step3-vl", "s3cret", ClientOptions.defaults());
        assertThat(client.listModels()).containsExactly("step3-vl");
        ChatRequest req = new ChatRequest(List.of(ChatMessage.user("ping")), SamplingParams.sampled(16, 4), 2);
        List<Completion> plain = client.complete(req);
        assertThat(plain).extracting(Completion::content).containsExactly("\n\necho: ping", "\n\necho: ping");
        assertThat(plain).extracting(Completion::reasoning).containsExactly("why 0", "why 1");
        StringBuilder streamed = new StringBuilder();
        client.complete(req, (i, t, r) -> {
            if (i == 1 && !r) {
                streamed.append(t);
            }
        });
        assertThat(streamed).hasToString("\n\necho: ping");
        assertThat(echo.requests.get(0).sampling().seed()).isEqualTo(4);
        assertThat(echo.requests.get(0).n()).isEqualTo(2);

        OpenAiClient keyless = new OpenAiClient(server.baseUrl(), "step3-vl", null, ClientOptions.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keyless.complete(req)).isInstanceOf(UserError.class)
                .hasMessageContaining("401");

        server.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("url").asText()).isEqualTo(server.baseUrl().toString());
        assertThat(json.get("models").get(0).asText()).isEqualTo("step3-vl");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serving step3-vl at " + server.baseUrl())
                .contains("POST /v1/chat/completions 200").contains("stopped");
    }

    @Test
    void namesDefaultToTheUpstreamModel() throws Exception {
        CompletableFuture<ChatServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = serve(Map.of(), started, "serve", "--endpoint", upstream.baseUrl().toString(),
                "--port", "0", "-q");
        ChatServer server = started.get(60, TimeUnit.SECONDS);
        assertThat(new OpenAiClient(server.baseUrl(), "x", null, ClientOptions.defaults()).listModels()).containsExactly("up");
        server.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        assertThat(runToEnd("serve", "--model", dir.toString(), "--port", "0")).isEqualTo(2); // an empty directory
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("step3vl serve: " + dir).hasLineCount(1);
        err.reset();
        assertThat(runToEnd("serve", "--port", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--model/--endpoint: give exactly one");
        err.reset();
        assertThat(runToEnd("serve", "--endpoint", upstream.baseUrl().toString(), "--api-key-env", "UNSET_VAR")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("UNSET_VAR is not set");
        err.reset();
        int taken = upstream.address().getPort();
        assertThat(runToEnd("serve", "--endpoint", upstream.baseUrl().toString(), "--port", String.valueOf(taken))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot listen on 127.0.0.1:" + taken);
    }

    @Test
    void helpShowsExamples() throws Exception {
        assertThat(runToEnd("serve", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Examples:", "--api-key-env STEP3VL_KEY", "--host",
                "--no-image-urls");
    }
}
