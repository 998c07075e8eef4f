package io.step3vl.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.step3vl.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates DJL HuggingFaceTokenizer instances the only safe way: offline, and with the options that
 * keep DJL from silently truncating to 512 tokens, padding, or adding special tokens.
 */
final class DjlTokenizers {
    /** Never changed: DJL's defaults truncate (LONGEST_FIRST, 512) and pad (LONGEST). */
    static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false");

    private DjlTokenizers() {}

    /** From a JSON document in memory (a patched tokenizer.json); {@code origin} names it in errors. */
    static HuggingFaceTokenizer fromJson(String json, Path origin) {
        stayOffline();
        try {
            return HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw UserError.at(origin, "the tokenizers library rejected this file: " + oneLine(e));
        }
    }

    static HuggingFaceTokenizer fromFile(Path tokenizerJson) {
        stayOffline();
        try {
            return HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw UserError.at(tokenizerJson, "the tokenizers library rejected this file: " + oneLine(e));
        }
    }

    /**
     * Each newInstance otherwise contacts a cloud metadata address once a day (DJL usage tracking);
     * the tool must never phone home, so opt out unless the user explicitly set the property.
     */
    private static void stayOffline() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
