package io.step3vl.eval.data;

import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.Locale;

/** The two item file formats. */
public enum DatasetFormat {
    /** One JSON item per line (Contracts §4); the shapes-world benchmark split. */
    JSONL,
    /** VLMEvalKit's TSV: index, image (base64 or path), question, hint, A..J, answer, category, l2-category. */
    TSV;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a spelled-out format, or from the file name when {@code text} is null. */
    public static DatasetFormat of(String text, Path file) {
        if (text != null) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "jsonl", "json" -> JSONL;
                case "tsv" -> TSV;
                default -> throw new UserError("format: expected jsonl or tsv, got '" + text + "'");
            };
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".tsv")) {
            return TSV;
        }
        throw UserError.at(file, "cannot tell the format from the name: expected a .jsonl or .tsv file (or set format)");
    }
}
