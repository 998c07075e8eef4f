package io.step3vl.train.data.pack;

/**
 * Counts of a packed stream so far.
 *
 * @param samples            samples placed in emitted packs
 * @param packs              packs emitted
 * @param droppedOversize    samples longer than the pack length (never truncated)
 * @param droppedUntrained   samples without a single trained token
 * @param droppedByTokenizer samples the tokenizer function rejected (returned null)
 * @param tokens             real (unpadded) tokens in emitted packs
 * @param paddingTokens      padding tokens in emitted packs
 * @param trainedTokens      target positions with a loss in emitted packs
 */
public record PackingStats(long samples, long packs, long droppedOversize, long droppedUntrained,
                           long droppedByTokenizer, long tokens, long paddingTokens, long trainedTokens) {
    public static final PackingStats ZERO = new PackingStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** Real tokens over all pack slots (1.0 when nothing is padding). */
    public double fill() {
        long slots = tokens + paddingTokens;
        return slots == 0 ? 0 : (double) tokens / slots;
    }

    PackingStats withPack(Pack p) {
        return new PackingStats(samples + p.segmentCount(), packs + 1, droppedOversize, droppedUntrained,
                droppedByTokenizer, tokens + p.length(), paddingTokens + (p.inputIds().length - p.length()),
                trainedTokens + p.trainedTokens());
    }

    PackingStats withOversize() {
        return new PackingStats(samples, packs, droppedOversize + 1, droppedUntrained, droppedByTokenizer, tokens,
                paddingTokens, trainedTokens);
    }

    PackingStats withUntrained() {
        return new PackingStats(samples, packs, droppedOversize, droppedUntrained + 1, droppedByTokenizer, tokens,
                paddingTokens, trainedTokens);
    }

    PackingStats withTokenizerDrop() {
        return new PackingStats(samples, packs, droppedOversize, droppedUntrained, droppedByTokenizer + 1, tokens,
                paddingTokens, trainedTokens);
    }
}
