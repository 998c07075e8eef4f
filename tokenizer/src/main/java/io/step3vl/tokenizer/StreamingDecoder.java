package io.step3vl.tokenizer;

import java.util.Arrays;

/**
 * Turns tokens arriving one at a time (generation) into text without ever emitting a broken
 * character: with byte-level BPE one character can span several tokens, and decoding a prefix that
 * cuts it yields U+FFFD. The decoder keeps a small window of recent ids, decodes it with and without
 * the newest tokens, and emits the difference only when it does not end in U+FFFD; {@link #finish()}
 * flushes whatever is pending (a genuinely invalid tail then shows as U+FFFD, as in a full decode).
 *
 * <p>The window starts one emission back so decoders that depend on the previous token (leading
 * spaces in SentencePiece-style tokenizers) see it. Concatenating every returned string equals
 * {@code decode(allIds, skipSpecialTokens)} for byte-level tokenizers. Not thread-safe: one per stream.
 */
public final class StreamingDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final TextTokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private long[] window = new long[16]; // ids from prefixStart on
    private int length;                   // ids held in window
    private int readOffset;               // window[0, readOffset) was already emitted
    private final StringBuilder emitted = new StringBuilder();

    StreamingDecoder(TextTokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /** Adds one token; returns the new complete text it makes available (often "", never half a character). */
    public String push(long id) {
        if (length == window.length) {
            window = Arrays.copyOf(window, length * 2);
        }
        window[length++] = id;
        String before = tokenizer.decode(Arrays.copyOf(window, readOffset), skipSpecialTokens);
        String after = tokenizer.decode(Arrays.copyOf(window, length), skipSpecialTokens);
        if (after.length() <= before.length() || after.charAt(after.length() - 1) == REPLACEMENT) {
            return "";
        }
        String delta = after.substring(before.length());
        // slide: the ids up to readOffset are no longer needed as context
        System.arraycopy(window, readOffset, window, 0, length - readOffset);
        length -= readOffset;
        readOffset = length;
        emitted.append(delta);
        return delta;
    }

    /** Emits whatever is still held back (an incomplete character at the very end becomes U+FFFD). */
    public String finish() {
        String before = tokenizer.decode(Arrays.copyOf(window, readOffset), skipSpecialTokens);
        String after = tokenizer.decode(Arrays.copyOf(window, length), skipSpecialTokens);
        String delta = after.length() > before.length() ? after.substring(before.length()) : "";
        System.arraycopy(window, readOffset, window, 0, length - readOffset);
        length -= readOffset;
        readOffset = length;
        emitted.append(delta);
        return delta;
    }

    /** Everything emitted so far. */
    public String text() {
        return emitted.toString();
    }

    /** Whether tokens are held back waiting for the rest of a character. */
    public boolean hasPending() {
        return length > readOffset;
    }
}
