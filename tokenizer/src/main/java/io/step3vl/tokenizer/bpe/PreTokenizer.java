package io.step3vl.tokenizer.bpe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qwen3's pre-tokenization: NFC, then the split regex (contractions, letter runs with one leading
 * non-letter, single digits, punctuation runs, newline runs, spaces), each piece in byte-level form.
 * Merges never cross piece boundaries.
 *
 * <p>Java's regex engine stands in for Oniguruma here; both treat {@code \s} as Unicode White_Space.
 * Characters newer than the JVM's Unicode tables (Java 17: Unicode 13) may split differently, which
 * only matters for this reference encoder: the runtime always uses the Rust tokenizer.
 */
public final class PreTokenizer {
    /** The split pattern as written in tokenizer.json (Qwen2/Qwen3). */
    public static final String PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final Pattern SPLIT = Pattern.compile(PATTERN,
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE);

    private PreTokenizer() {}

    /** The pieces of {@code text} in byte-level form, in order. */
    public static List<String> split(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<String> pieces = new ArrayList<>();
        Matcher m = SPLIT.matcher(normalized);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                // "Isolated" keeps unmatched text as its own piece (the pattern's last branch makes this rare)
                pieces.add(ByteLevel.encode(normalized.substring(last, m.start())));
            }
            if (m.end() > m.start()) {
                pieces.add(ByteLevel.encode(m.group()));
            }
            last = m.end();
        }
        if (last < normalized.length()) {
            pieces.add(ByteLevel.encode(normalized.substring(last)));
        }
        return pieces;
    }
}
