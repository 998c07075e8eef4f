package io.step3vl.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tokenizer_config.json says beyond tokenizer.json: the named special tokens (handed to chat
 * templates as {@code bos_token}, {@code eos_token}, ...), the chat template, and extra added tokens
 * ({@code added_tokens_decoder}). Every field is optional; a missing file gives {@link #EMPTY}.
 */
public record TokenizerConfig(Optional<String> bosToken, Optional<String> eosToken,
                              Optional<String> padToken, Optional<String> unkToken,
                              List<String> additionalSpecialTokens, Optional<String> chatTemplate,
                              Map<Long, AddedToken> addedTokensDecoder, Optional<Long> modelMaxLength) {
    public static final TokenizerConfig EMPTY = new TokenizerConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty());

    public static TokenizerConfig read(Path file) {
        JsonNode root = Json.readTree(file);
        if (!root.isObject()) {
            throw UserError.at(file, "expected a JSON object");
        }
        List<String> additional = new ArrayList<>();
        JsonNode extra = root.path("additional_special_tokens");
        if (extra.isArray()) {
            for (JsonNode token : extra) {
                tokenContent(file, "additional_special_tokens[]", token).ifPresent(additional::add);
            }
        }
        Map<Long, AddedToken> decoder = new LinkedHashMap<>();
        JsonNode added = root.path("added_tokens_decoder");
        if (added.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                long id;
                try {
                    id = Long.parseLong(entry.getKey());
                } catch (NumberFormatException e) {
                    throw UserError.at(file, "added_tokens_decoder: expected integer ids as keys, got '"
                            + entry.getKey() + "'");
                }
                String content = tokenContent(file, "added_tokens_decoder." + id, entry.getValue())
                        .orElseThrow(() -> UserError.at(file, "added_tokens_decoder." + id + ": missing content"));
                decoder.put(id, new AddedToken(id, content, entry.getValue().path("special").asBoolean(false)));
            }
        }
        JsonNode maxLength = root.path("model_max_length");
        return new TokenizerConfig(
                tokenContent(file, "bos_token", root.path("bos_token")),
                tokenContent(file, "eos_token", root.path("eos_token")),
                tokenContent(file, "pad_token", root.path("pad_token")),
                tokenContent(file, "unk_token", root.path("unk_token")),
                List.copyOf(additional), chatTemplate(file, root.path("chat_template")), Map.copyOf(decoder),
                maxLength.canConvertToLong() ? Optional.of(maxLength.asLong()) : Optional.empty());
    }

    /** A token field: a string, {@code {"content": "..."}} (older files), or null. */
    private static Optional<String> tokenContent(Path file, String field, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return Optional.of(node.path("content").asText());
        }
        throw UserError.at(file, field + ": expected a token string or {\"content\": ...}, got " + node);
    }

    /**
     * The chat template: a string, or Hugging Face's list of named templates, of which the one named
     * "default" is used (transformers' choice when no name is asked for).
     */
    private static Optional<String> chatTemplate(Path file, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return Optional.of(named.path("template").asText());
                }
            }
            throw UserError.at(file, "chat_template: a list of named templates without one named \"default\"");
        }
        throw UserError.at(file, "chat_template: expected a string or a list of {name, template}");
    }
}
