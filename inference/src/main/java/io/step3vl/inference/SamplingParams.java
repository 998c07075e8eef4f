package io.step3vl.inference;

import java.util.List;

/**
 * How to sample one request. {@code temperature} 0 means greedy; {@code topK} 0 and {@code topP} 1
 * and {@code minP} 0 disable those filters; {@code repetitionPenalty} 1 disables it.
 * {@code thinking} selects the chat template's thinking mode (generation prompt ends in {@code <think>\n}).
 */
public record SamplingParams(double temperature, double topP, int topK, double minP,
                             double repetitionPenalty, int maxTokens, long seed, List<String> stop,
                             boolean thinking) {
    public SamplingParams {
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        }
        if (minP < 0 || minP >= 1) {
            throw new IllegalArgumentException("min_p must be in [0, 1), got " + minP);
        }
        if (repetitionPenalty <= 0) {
            throw new IllegalArgumentException("repetition_penalty must be > 0, got " + repetitionPenalty);
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("max_tokens must be > 0, got " + maxTokens);
        }
        stop = List.copyOf(stop);
    }

    /** Greedy decoding with thinking on. */
    public static SamplingParams greedy(int maxTokens) {
        return new SamplingParams(0, 1, 0, 0, 1, maxTokens, 0, List.of(), true);
    }

    /** Temperature 1, top_p 1: the PaCoRe rollout setting of the public code. */
    public static SamplingParams sampled(int maxTokens, long seed) {
        return new SamplingParams(1.0, 1.0, 0, 0, 1, maxTokens, seed, List.of(), true);
    }

    public SamplingParams withSeed(long newSeed) {
        return new SamplingParams(temperature, topP, topK, minP, repetitionPenalty, maxTokens, newSeed, stop, thinking);
    }

    public SamplingParams withMaxTokens(int newMax) {
        return new SamplingParams(temperature, topP, topK, minP, repetitionPenalty, newMax, seed, stop, thinking);
    }

    public SamplingParams withThinking(boolean on) {
        return new SamplingParams(temperature, topP, topK, minP, repetitionPenalty, maxTokens, seed, stop, on);
    }
}
