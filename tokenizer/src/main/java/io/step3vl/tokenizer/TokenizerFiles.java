package io.step3vl.tokenizer;

import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a checkpoint keeps its tokenizer: {@code tokenizer.json} (required) and, next to it,
 * {@code tokenizer_config.json}, {@code added_tokens.json} and {@code chat_template.jinja} (optional),
 * as in a Hugging Face model directory.
 */
public record TokenizerFiles(Path tokenizerJson, Optional<Path> tokenizerConfig,
                             Optional<Path> addedTokens, Optional<Path> chatTemplate) {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
    public static final String ADDED_TOKENS_JSON = "added_tokens.json";
    public static final String CHAT_TEMPLATE_JINJA = "chat_template.jinja";

    /** Finds the files of a checkpoint directory, or of the directory holding a tokenizer.json. */
    public static TokenizerFiles locate(Path dirOrFile) {
        Path json;
        if (Files.isDirectory(dirOrFile)) {
            json = dirOrFile.resolve(TOKENIZER_JSON);
            if (!Files.isRegularFile(json)) {
                throw UserError.at(dirOrFile, "no " + TOKENIZER_JSON
                        + " in this directory; expected a checkpoint directory with a Hugging Face tokenizer");
            }
        } else if (Files.isRegularFile(dirOrFile)) {
            json = dirOrFile;
        } else {
            throw UserError.at(dirOrFile, "no such file or directory; expected a checkpoint directory or a "
                    + TOKENIZER_JSON);
        }
        Path dir = json.toAbsolutePath().getParent();
        return new TokenizerFiles(json, optional(dir.resolve(TOKENIZER_CONFIG_JSON)),
                optional(dir.resolve(ADDED_TOKENS_JSON)), optional(dir.resolve(CHAT_TEMPLATE_JINJA)));
    }

    private static Optional<Path> optional(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
