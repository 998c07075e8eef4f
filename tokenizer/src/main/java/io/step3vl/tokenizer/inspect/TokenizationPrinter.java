package io.step3vl.tokenizer.inspect;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable and the JSON form of a {@link Tokenization}. */
public final class TokenizationPrinter {
    private TokenizationPrinter() {}

    /**
     * Prints the rendered chat (chat mode), the ids, each image's plan and, with {@code verbose}, one
     * line per token (index, id, piece, special flag).
     */
    public static void print(Tokenization t, PrintWriter out, boolean verbose) {
        if (t.chat()) {
            out.println("chat template: " + t.template());
            out.println("--- rendered ---");
            out.print(t.text());
            if (!t.text().endsWith("\n")) {
                out.println();
            }
            out.println("--- end ---");
        }
        long[] ids = t.ids();
        out.println("ids (" + ids.length + "): " + join(ids));
        if (verbose) {
            List<Tokenization.Token> tokens = t.tokens();
            int width = Math.max(1, Long.toString(Math.max(1, tokens.size() - 1)).length());
            for (int i = 0; i < tokens.size(); i++) {
                Tokenization.Token token = tokens.get(i);
                out.printf(Locale.ROOT, "  %" + width + "d %8d  %s%s%n", i, token.id(), visible(token.piece()),
                        token.special() ? "  (special)" : "");
            }
        }
        for (int i = 0; i < t.images().size(); i++) {
            Tokenization.ImagePlan image = t.images().get(i);
            out.println("image " + (i + 1) + ": " + shortSource(image.source()));
            out.println("  " + image.summary());
            out.println("  " + image.tokens() + " tokens");
        }
        if (!t.images().isEmpty()) {
            out.println("input ids after image expansion: " + t.inputIds().length);
        }
        out.flush();
    }

    /** The JSON form (for {@code --json}): every field, ids as arrays. */
    public static Map<String, Object> json(Tokenization t) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", t.model());
        root.put("mode", t.chat() ? "chat" : "text");
        if (t.chat()) {
            root.put("template", t.template());
        }
        root.put("text", t.text());
        root.put("count", t.tokens().size());
        root.put("ids", t.ids());
        root.put("tokens", t.tokens());
        if (!t.images().isEmpty()) {
            root.put("images", t.images());
            root.put("input_count", t.inputIds().length);
            root.put("input_ids", t.inputIds());
        }
        return root;
    }

    private static String join(long[] ids) {
        StringBuilder sb = new StringBuilder();
        for (long id : ids) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(id);
        }
        return sb.toString();
    }

    /** A piece with control characters escaped, so a newline token does not break the table. */
    static String visible(String piece) {
        StringBuilder sb = new StringBuilder("'");
        piece.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('\'').toString();
    }

    private static String shortSource(String source) {
        return source.startsWith("data:") && source.length() > 40 ? source.substring(0, 37) + "..." : source;
    }
}
