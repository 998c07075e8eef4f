package io.step3vl.plugins.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.Step3vl;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.pacore.PaCoRe;
import io.step3vl.inference.pacore.PaCoReConfig;
import io.step3vl.inference.pacore.PaCoReResult;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.model.runtime.DeviceChoice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code step3vl serve --model DIR} on a random-init {@code tiny} checkpoint, on loopback: PaCoRe
 * through the endpoint backend gives what PaCoRe on the model in-process gives with the same seed.
 */
class ServeLocalModelTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CompletableFuture<Integer> serve(CompletableFuture<ChatServer> started, String... args) {
        ServeCommand command = new ServeCommand(Map.of(), started::complete);
        return CompletableFuture.supplyAsync(() -> {
            int code = Step3vl.builder().home(null).env(Map.of()).interactive(false)
                    .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                    .command(command).build().execute(args);
            started.complete(null);
            return code;
        });
    }

    @Test
    void paCoReThroughServeEqualsPaCoReOnTheLocalModel() throws Exception {
        Path model = PresetCheckpoint.write("tiny", 1, dir.resolve("tiny"));
        List<ChatMessage> conversation = List.of(ChatMessage.user("What is 2+3?"));
        // sampled (temperature 1), so equality means the seeds reach the model the same way on both paths
        PaCoReConfig cfg = new PaCoReConfig(List.of(3), SamplingParams.sampled(6, 0).withThinking(false), 0, 2026);

        PaCoReResult local;
        try (LocalBackend backend = LocalBackend.open(model, DeviceChoice.CPU)) {
            local = PaCoRe.run(backend, conversation, cfg);
        }

        CompletableFuture<ChatServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = serve(started, "serve", "--model", model.toString(), "--port", "0", "-q");
        ChatServer server = started.get(120, TimeUnit.SECONDS);
        assertThat(server).as(err.toString(StandardCharsets.UTF_8)).isNotNull();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        PaCoReResult viaHttp;
        try {
            OpenAiClient client = new OpenAiClient(server.baseUrl(), "x", null, ClientOptions.defaults());
            List<String> models = client.listModels();
            assertThat(models).hasSize(1);
            OpenAiClient endpoint = new OpenAiClient(server.baseUrl(), models.get(0), null, ClientOptions.defaults());
            viaHttp = PaCoRe.run(endpoint, conversation, cfg);

            // n > 1 in one request: copies share the prefill and are seeded seed+j, like the local backend
            ChatRequest twoCopies = new ChatRequest(conversation, SamplingParams.sampled(6, 7).withThinking(false), 2);
            assertThat(endpoint.complete(twoCopies)).extracting(Completion::completionTokens)
                    .allSatisfy(n -> assertThat(n).isBetween(1, 6));
        } finally {
            server.close();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

        assertThat(viaHttp.rounds()).hasSize(2);
        assertThat(viaHttp.rounds().get(0)).extracting(Completion::content)
                .containsExactlyElementsOf(local.rounds().get(0).stream().map(Completion::content).toList());
        assertThat(local.finalCompletion().content()).isNotEmpty();
        assertThat(viaHttp.finalCompletion().content()).isEqualTo(local.finalCompletion().content());
        assertThat(viaHttp.finalCompletion().completionTokens()).isEqualTo(local.finalCompletion().completionTokens());
        // and the rollouts differ from each other: three seeds, not one answer repeated
        assertThat(local.rounds().get(0).stream().map(Completion::content).distinct().count()).isGreaterThan(1);
    }
}
