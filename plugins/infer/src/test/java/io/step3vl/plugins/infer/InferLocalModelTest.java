package io.step3vl.plugins.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.inference.local.PresetCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code step3vl infer --model DIR} under the real host, in-process, on a random-init {@code tiny}
 * checkpoint (toy tokenizer): the whole local path — load, prompt encoding, batched generation,
 * streaming — with a few tokens per run so the test stays fast.
 */
class InferLocalModelTest {
    @TempDir
    static Path shared;
    static Path model;

    /** Every write the command makes to stdout, in order: a streamed reply arrives in several. */
    private static final class ChunkRecorder extends OutputStream {
        final List<String> chunks = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            chunks.add(new String(b, off, len, StandardCharsets.UTF_8));
            all.write(b, off, len);
        }

        String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private ChunkRecorder out = new ChunkRecorder();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeCheckpoint() {
        model = PresetCheckpoint.write("tiny", 1, shared.resolve("tiny"));
    }

    private int run(String... args) {
        out = new ChunkRecorder();
        err.reset();
        InferCommand command = new InferCommand(new ByteArrayInputStream(new byte[0]), false, Map.of());
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(command).build().execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void streamsTheReplyAsItIsGeneratedAndJsonHasTheSameAnswer() throws Exception {
        assertThat(run("infer", "--model", model.toString(), "--no-think", "--max-tokens", "8", "--seed", "3", "hello"))
                .as(err()).isZero();
        String streamed = out.text();
        List<String> pieces = out.chunks.stream().filter(c -> !c.isBlank()).toList();
        // token by token, not one print at the end (8 tokens of a random model: several non-blank pieces)
        assertThat(pieces).as("stdout writes: %s", out.chunks).hasSizeGreaterThan(1);
        assertThat(streamed).endsWith("\n");

        assertThat(run("infer", "--model", model.toString(), "--no-think", "--max-tokens", "8", "--seed", "3", "--json", "hello"))
                .as(err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.text());
        assertThat(json.get("answer").asText()).isEqualTo(streamed.strip()).isNotEmpty();
        assertThat(json.get("backend").asText()).isEqualTo("local:" + model);
        assertThat(json.get("seed").asLong()).isEqualTo(3);
        JsonNode usage = json.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isGreaterThan(5); // chat template + "hello"
        assertThat(usage.get("completion_tokens").asInt()).isBetween(1, 8);
        assertThat(usage.get("total_completion_tokens").asInt()).isEqualTo(usage.get("completion_tokens").asInt());
        assertThat(json.get("timings").get("seconds").asDouble()).isPositive();
    }

    @Test
    void jsonSplitsReasoningFromTheAnswerWhenThinking() throws Exception {
        assertThat(run("infer", "--model", model.toString(), "--think", "--max-tokens", "8", "--seed", "5", "--json", "-q",
                "hello")).as(err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.text());
        assertThat(json.has("answer")).isTrue();
        // the template opens <think>; a random model rarely closes it within 8 tokens, so the text is reasoning
        assertThat(json.get("reasoning").isTextual()).isTrue();
        assertThat(json.get("answer").asText() + json.get("reasoning").asText()).isNotEmpty();
        assertThat(json.get("usage").get("completion_tokens").asInt()).isBetween(1, 8);
        assertThat(json.get("finish_reason").asText()).isIn("stop", "length");
    }

    @Test
    void paCoReRunsLocallyWithBatchedRollouts() throws Exception {
        assertThat(run("infer", "--model", model.toString(), "--no-think", "--max-tokens", "6", "--pacore", "2", "--seed", "11",
                "--json", "hello")).as(err()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.text());
        assertThat(json.get("pacore").get("rounds_vector").toString()).isEqualTo("[2,1]");
        assertThat(json.get("answer").asText()).isNotEmpty();
        // 2 rollouts of at most 6 tokens, then one synthesis reply of at most 6
        assertThat(json.get("usage").get("total_completion_tokens").asInt()).isBetween(3, 18);
        assertThat(err()).contains("PaCoRe round 1/2: 2 requests", "PaCoRe round 2/2: 1 request");

        // same seed, same answer: local rollouts are seeded per rollout, not by batch composition
        String first = json.get("answer").asText();
        assertThat(run("infer", "--model", model.toString(), "--no-think", "--max-tokens", "6", "--pacore", "2", "--seed", "11",
                "--json", "hello")).as(err()).isZero();
        assertThat(Json.MAPPER.readTree(out.text()).get("answer").asText()).isEqualTo(first);
    }
}
