package io.step3vl.tokenizer;

/**
 * Ids of a text with each token's string ({@code Ġhello}-style for byte-level BPE) and the UTF-16
 * span of the input it came from ({@code charStart} inclusive, {@code charEnd} exclusive).
 */
public record TokenizedText(long[] ids, String[] pieces, int[] charStart, int[] charEnd) {
    public int size() {
        return ids.length;
    }
}
