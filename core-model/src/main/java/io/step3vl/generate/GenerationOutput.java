package io.step3vl.generate;

/**
 * What one copy produced.
 *
 * @param tokens       generated ids, the end-of-sequence token included when it ended the copy
 * @param logprobs     log-probability of each generated token (see {@link Sampler})
 * @param finishReason "stop" (a stop token or the observer's stop), or "length"
 * @param promptTokens prompt length
 */
public record GenerationOutput(int[] tokens, float[] logprobs, String finishReason, int promptTokens) {}
