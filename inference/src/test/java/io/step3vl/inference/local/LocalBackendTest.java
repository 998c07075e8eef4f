package io.step3vl.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.SamplingParams;
import io.step3vl.model.runtime.DeviceChoice;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend on a randomly initialised tiny checkpoint with the toy tokenizer. */
class LocalBackendTest {
    @TempDir
    static Path tmp;
    private static LocalBackend backend;

    @BeforeAll
    static void open() {
        Path dir = PresetCheckpoint.write("tiny", 1, tmp.resolve("tiny"));
        backend = LocalBackend.open(dir, DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static SamplingParams greedy(int max) {
        return SamplingParams.greedy(max);
    }

    @Test
    void completionsCarryTokensLogprobsAndTheReasoningSplit() {
        List<Completion> out = backend.complete(ChatRequest.of(List.of(ChatMessage.user("How many circles?")), greedy(12)));
        assertThat(out).hasSize(1);
        Completion c = out.get(0);
        assertThat(c.tokenIds()).hasSize(c.completionTokens());
        assertThat(c.logprobs()).hasSize(c.completionTokens());
        assertThat(c.promptTokens()).isEqualTo(backend.countTokens(List.of(ChatMessage.user("How many circles?"))));
        assertThat(c.finishReason()).isIn("stop", "length");
        // thinking prompt: without a </think> everything generated is reasoning
        String decoded = backend.encoder().tokenizer().decode(java.util.Arrays.stream(c.tokenIds()).asLongStream().toArray(), true);
        if (!decoded.contains("</think>")) {
            assertThat(c.reasoning()).isEqualTo(decoded);
            assertThat(c.content()).isEmpty();
        }
    }

    @Test
    void concurrentRequestsAreBatchedWithoutChangingTheirResults() throws Exception {
        List<String> prompts = List.of("a red circle", "two blue squares and a star", "count", "what colour is the triangle?");
        List<List<Completion>> alone = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            alone.add(backend.complete(ChatRequest.of(List.of(ChatMessage.user(prompts.get(i))),
                    SamplingParams.sampled(10, 40 + i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
        try {
            List<Future<List<Completion>>> futures = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                int k = i;
                futures.add(pool.submit(() -> backend.complete(ChatRequest.of(List.of(ChatMessage.user(prompts.get(k))),
                        SamplingParams.sampled(10, 40 + k)))));
            }
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(futures.get(i).get().get(0).tokenIds()).as("prompt %d", i).containsExactly(alone.get(i).get(0).tokenIds());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nCopiesAreIndependentDraws() {
        List<Completion> out = backend.complete(new ChatRequest(List.of(ChatMessage.user("hello")), SamplingParams.sampled(16, 7), 4));
        assertThat(out).hasSize(4);
        assertThat(out.stream().map(c -> java.util.Arrays.toString(c.tokenIds())).distinct().count()).isGreaterThan(1);
    }

    @Test
    void stopStringsCutTheTextAndEndTheRow() {
        Completion free = backend.complete(ChatRequest.of(List.of(ChatMessage.user("stop test")), greedy(24))).get(0);
        String text = free.reasoningText() + free.content();
        assertThat(text.length()).isGreaterThan(4);
        String stop = text.substring(2, 4);
        SamplingParams withStop = new SamplingParams(0, 1, 0, 0, 1, 24, 0, List.of(stop), true);
        Completion cut = backend.complete(ChatRequest.of(List.of(ChatMessage.user("stop test")), withStop)).get(0);
        assertThat(cut.finishReason()).isEqualTo("stop");
        assertThat(cut.reasoningText() + cut.content()).doesNotContain(stop);
        assertThat(cut.completionTokens()).isLessThan(free.completionTokens());
    }

    @Test
    void streamingDeliversTheSameTextAsTheResult() {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        Completion c = backend.complete(ChatRequest.of(List.of(ChatMessage.user("stream me")), greedy(20)),
                (index, delta, isReasoning) -> (isReasoning ? reasoning : content).append(delta)).get(0);
        assertThat(reasoning.toString()).isEqualTo(c.reasoning());
        assertThat(content.toString()).isEqualTo(c.content());
    }

    @Test
    void imagesAreExpandedIntoTheirTokenLayout() throws Exception {
        BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillOval(40, 40, 80, 80);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        ChatMessage user = ChatMessage.user("What colour is the circle?", List.of(new ImageData(png.toByteArray(), "image/png", "test.png")));
        EncodedPrompt prompt = backend.encoder().encode(List.of(user), true, true);
        long imPatch = backend.encoder().tokenizer().requireTokenId("<im_patch>");
        long patches = java.util.Arrays.stream(prompt.ids()).filter(id -> id == imPatch).count();
        // 224x224 on the tiny geometry: global view only, 16 tokens
        assertThat(patches).isEqualTo(16);
        assertThat(prompt.images().imageCount()).isEqualTo(1);
        Completion c = backend.complete(ChatRequest.of(List.of(user), greedy(6))).get(0);
        assertThat(c.promptTokens()).isEqualTo(prompt.ids().length);
    }
}
