package io.step3vl.train.data.pack;

import io.step3vl.common.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy, non-truncating packing (next-fit, keeping sample order): samples join the open pack while
 * they fit; the first one that does not closes it and opens the next. A sample longer than the
 * pack length is dropped and counted, never cut; so is one with no trained token.
 */
public final class SequencePacker {
    private final int maxLength;
    private final boolean padToMax;
    private final int padId;
    private final List<TokenizedSample> open = new ArrayList<>();
    private int openLength;
    private PackingStats stats;

    /**
     * @param maxLength tokens per pack
     * @param padToMax  pad every pack to {@code maxLength} (fixed shapes) instead of its own length
     * @param padId     token id used for padding and for targets without a loss
     */
    public SequencePacker(int maxLength, boolean padToMax, int padId) {
        this(maxLength, padToMax, padId, PackingStats.ZERO);
    }

    SequencePacker(int maxLength, boolean padToMax, int padId, PackingStats stats) {
        if (maxLength < 2) {
            throw new UserError("pack-length: expected at least 2 tokens, got " + maxLength);
        }
        this.maxLength = maxLength;
        this.padToMax = padToMax;
        this.padId = padId;
        this.stats = stats;
    }

    /** Adds a sample; returns the pack it closed to make room, or null. */
    public Pack add(TokenizedSample sample) {
        if (sample.length() > maxLength) {
            stats = stats.withOversize();
            return null;
        }
        if (!LossMasks.any(sample.trained()) || sample.length() < 2) {
            stats = stats.withUntrained();
            return null;
        }
        Pack closed = null;
        if (openLength + sample.length() > maxLength) {
            closed = close();
        }
        open.add(sample);
        openLength += sample.length();
        return closed;
    }

    /** Counts a sample the tokenizer rejected. */
    public void countTokenizerDrop() {
        stats = stats.withTokenizerDrop();
    }

    /** Closes and returns the open pack (null when empty): call at the end of the data. */
    public Pack flush() {
        return open.isEmpty() ? null : close();
    }

    public boolean hasOpenPack() {
        return !open.isEmpty();
    }

    public PackingStats stats() {
        return stats;
    }

    public int maxLength() {
        return maxLength;
    }

    private Pack close() {
        Pack pack = new Pack(open, padToMax ? maxLength : 0, padId);
        stats = stats.withPack(pack);
        open.clear();
        openLength = 0;
        return pack;
    }
}
