package io.step3vl.train.data.pack;

import java.util.List;

/**
 * A conversation after the chat template: its token ids and each turn's span. The tokenizer module
 * produces it; {@link LossMasks#sft} reads it.
 */
public record RenderedConversation(int[] tokens, List<TurnSpan> turns) {
    public RenderedConversation {
        turns = List.copyOf(turns);
        int previousEnd = 0;
        for (TurnSpan t : turns) {
            if (t.start() < previousEnd || t.end() > tokens.length) {
                throw new IllegalArgumentException("turn spans must be ordered, disjoint and inside the "
                        + tokens.length + " tokens; got " + t);
            }
            previousEnd = t.end();
        }
    }
}
