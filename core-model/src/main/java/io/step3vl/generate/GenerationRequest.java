package io.step3vl.generate;

import io.step3vl.model.PixelBatch;

/**
 * One prompt to continue {@code copies} times (PaCoRe's K rollouts of one prompt share its prefill).
 *
 * @param promptIds     the fully expanded prompt (image placeholders already laid out)
 * @param images        the prompt's image pixels, or null for text only
 * @param sampler       how to pick tokens
 * @param maxNewTokens  generation budget per copy
 * @param seed          copy j draws from a generator seeded with {@code seed + j}: results never depend on
 *                      what else is in the batch
 * @param stopTokenIds  end-of-sequence ids (included in the output as the last token)
 * @param copies        independent continuations of this prompt
 */
public record GenerationRequest(long[] promptIds, PixelBatch images, SamplerSettings sampler, int maxNewTokens,
                                long seed, int[] stopTokenIds, int copies) {
    public GenerationRequest {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        if (maxNewTokens <= 0 || copies <= 0) {
            throw new IllegalArgumentException("maxNewTokens and copies must be positive");
        }
        promptIds = promptIds.clone();
        stopTokenIds = stopTokenIds.clone();
    }

    boolean isStop(int token) {
        for (int s : stopTokenIds) {
            if (s == token) {
                return true;
            }
        }
        return false;
    }
}
