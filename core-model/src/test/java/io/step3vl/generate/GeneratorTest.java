package io.step3vl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.safetensors.SafetensorsFile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generation engine against full recomputation and the golden greedy tokens (case f). */
class GeneratorTest {
    private static StepVLModel model;
    private static long[] prompt;
    private static long[] goldenGreedy;
    private static final int[] NO_STOP = {};

    @BeforeAll
    static void load() throws Exception {
        Path dir = golden("f_text_greedy");
        model = StepVLModel.load(dir, ModelRuntime.cpu(), LoadOptions.all());
        try (SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"));
             SafetensorsFile expected = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            prompt = in.readLong("input_ids");
            goldenGreedy = expected.readLong("greedy_tokens");
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GeneratorTest.class.getClassLoader().getResource("golden/" + name).toURI());
    }

    private static GenerationRequest greedy(long[] ids, int n) {
        return new GenerationRequest(ids, null, SamplerSettings.GREEDY, n, 0, NO_STOP, 1);
    }

    /** Greedy by full forward passes over the growing sequence (no cache). */
    private static int[] fullRecomputation(long[] ids, int n) {
        long[] seq = ids.clone();
        int[] out = new int[n];
        try (NDManager m = model.parameters().manager().newSubManager()) {
            for (int step = 0; step < n; step++) {
                long[] pos = new long[seq.length];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = i;
                }
                NDArray logits = model.forward(m.create(seq, new Shape(1, seq.length)), m.create(pos, new Shape(1, pos.length)),
                        null, null);
                float[] last = logits.get(new NDIndex("0, -1, :")).toFloatArray();
                out[step] = Sampler.argmax(last);
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = out[step];
                logits.close();
            }
        }
        return out;
    }

    @Test
    void greedyKvCachedDecodingReproducesTheGoldenTokens() {
        GenerationOutput out = new Generator(model).generate(List.of(greedy(prompt, 16)), GenerationObserver.NONE).get(0);
        assertThat(Arrays.stream(out.tokens()).asLongStream().toArray()).containsExactly(goldenGreedy);
        assertThat(out.finishReason()).isEqualTo("length");
        assertThat(out.promptTokens()).isEqualTo(prompt.length);
    }

    @Test
    void cachedDecodingEqualsFullRecomputationTokenForToken() {
        long[] other = Arrays.copyOfRange(prompt, 3, 20);
        int[] cached = new Generator(model).generate(List.of(greedy(other, 24)), GenerationObserver.NONE).get(0).tokens();
        assertThat(cached).containsExactly(fullRecomputation(other, 24));
    }

    @Test
    void chunkedPrefillEqualsOneShotPrefill() {
        int[] oneShot = new Generator(model, 512).generate(List.of(greedy(prompt, 12)), GenerationObserver.NONE).get(0).tokens();
        int[] chunked = new Generator(model, 5).generate(List.of(greedy(prompt, 12)), GenerationObserver.NONE).get(0).tokens();
        assertThat(chunked).containsExactly(oneShot);
    }

    @Test
    void aBatchOfEightDifferentPromptsEqualsEightSingleRuns() {
        List<GenerationRequest> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long[] ids = Arrays.copyOfRange(prompt, i, prompt.length - (i % 3)); // lengths 24 .. 15, all different content
            batch.add(greedy(ids, 10 + i));
        }
        Generator generator = new Generator(model);
        List<GenerationOutput> together = generator.generate(batch, GenerationObserver.NONE);
        for (int i = 0; i < 8; i++) {
            int[] alone = generator.generate(List.of(batch.get(i)), GenerationObserver.NONE).get(0).tokens();
            assertThat(together.get(i).tokens()).as("prompt %d", i).containsExactly(alone);
            assertThat(together.get(i).tokens()).hasSize(10 + i);
        }
    }

    @Test
    void copiesShareThePrefillButEachDrawsFromItsOwnSeed() {
        SamplerSettings sampled = new SamplerSettings(1.0, 0, 1.0, 0, 1);
        Generator generator = new Generator(model);
        List<GenerationOutput> copies = generator.generate(
                List.of(new GenerationRequest(prompt, null, sampled, 12, 100, NO_STOP, 3)), GenerationObserver.NONE);
        assertThat(copies).hasSize(3);
        for (int c = 0; c < 3; c++) {
            GenerationOutput single = generator.generate(
                    List.of(new GenerationRequest(prompt, null, sampled, 12, 100 + c, NO_STOP, 1)), GenerationObserver.NONE).get(0);
            assertThat(copies.get(c).tokens()).containsExactly(single.tokens());
            // batched matmuls round differently in the last bits: the same tokens, log-probs to 1e-4
            float[] batched = copies.get(c).logprobs();
            for (int t = 0; t < batched.length; t++) {
                assertThat((double) batched[t]).isCloseTo(single.logprobs()[t], org.assertj.core.api.Assertions.within(1e-4));
            }
        }
        assertThat(copies.get(0).tokens()).isNotEqualTo(copies.get(1).tokens());
    }

    @Test
    void stopTokensEndARowAndAreKept() {
        int stop = (int) goldenGreedy[3];
        GenerationRequest req = new GenerationRequest(prompt, null, SamplerSettings.GREEDY, 16, 0, new int[] {stop}, 1);
        GenerationOutput out = new Generator(model).generate(List.of(req), GenerationObserver.NONE).get(0);
        int firstStop = 0;
        while (goldenGreedy[firstStop] != stop) {
            firstStop++;
        }
        assertThat(out.tokens()).hasSize(firstStop + 1);
        assertThat(out.tokens()[firstStop]).isEqualTo(stop);
        assertThat(out.finishReason()).isEqualTo("stop");
    }

    @Test
    void theObserverSeesEveryTokenAndCanStopARow() {
        List<Integer> seen = new ArrayList<>();
        GenerationObserver stopAfterFive = (row, token, logprob) -> {
            seen.add(token);
            return seen.size() == 5;
        };
        GenerationOutput out = new Generator(model).generate(List.of(greedy(prompt, 16)), stopAfterFive).get(0);
        assertThat(out.tokens()).hasSize(5);
        assertThat(seen).hasSize(5);
        assertThat(out.finishReason()).isEqualTo("stop");
    }

    @Test
    void logprobsAreThoseOfTheFullDistribution() {
        GenerationOutput out = new Generator(model).generate(List.of(greedy(prompt, 3)), GenerationObserver.NONE).get(0);
        try (NDManager m = model.parameters().manager().newSubManager()) {
            long[] pos = new long[prompt.length];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = i;
            }
            NDArray logits = model.forward(m.create(prompt, new Shape(1, prompt.length)), m.create(pos, new Shape(1, pos.length)),
                    null, null);
            float[] last = logits.get(new NDIndex("0, -1, :")).toFloatArray();
            double expected = last[out.tokens()[0]] - Sampler.logSumExp(last);
            assertThat((double) out.logprobs()[0]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(out.logprobs()[0]).isNegative();
        }
    }
}
