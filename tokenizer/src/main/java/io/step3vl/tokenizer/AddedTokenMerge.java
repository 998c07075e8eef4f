package io.step3vl.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full added-token list of a checkpoint: tokenizer.json's {@code added_tokens}, plus tokens that
 * only tokenizer_config.json ({@code added_tokens_decoder}) or added_tokens.json declare, as
 * transformers merges them. Contradictions (one content, two ids; one id, two contents) are errors.
 */
final class AddedTokenMerge {
    private AddedTokenMerge() {}

    static List<AddedToken> merge(TokenizerFiles files, TokenizerJson.Summary summary, TokenizerConfig config) {
        Map<String, Integer> modelIds = new HashMap<>();
        String[] pieces = summary.modelPieces();
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] != null) {
                modelIds.putIfAbsent(pieces[id], id);
            }
        }
        Map<String, AddedToken> byContent = new LinkedHashMap<>();
        Map<Long, String> byId = new HashMap<>();
        for (AddedToken token : summary.addedTokens()) {
            add(files.tokenizerJson(), "added_tokens", token, byContent, byId, modelIds);
        }
        Path configFile = files.tokenizerConfig().orElse(null);
        for (AddedToken token : config.addedTokensDecoder().values()) {
            add(configFile, "added_tokens_decoder", token, byContent, byId, modelIds);
        }
        if (files.addedTokens().isPresent()) {
            Set<String> named = namedSpecial(config);
            Path file = files.addedTokens().get();
            for (Map.Entry<String, Long> entry : readAddedTokensJson(file).entrySet()) {
                AddedToken token = new AddedToken(entry.getValue(), entry.getKey(), named.contains(entry.getKey()));
                add(file, "added_tokens.json", token, byContent, byId, modelIds);
            }
        }
        return new ArrayList<>(byContent.values());
    }

    private static void add(Path file, String field, AddedToken token, Map<String, AddedToken> byContent,
                            Map<Long, String> byId, Map<String, Integer> modelIds) {
        AddedToken known = byContent.get(token.content());
        if (known != null) {
            if (known.id() != token.id()) {
                throw UserError.at(file, field + ": token '" + token.content() + "' has id " + token.id()
                        + " but the tokenizer already gives it id " + known.id());
            }
            return;
        }
        Integer modelId = modelIds.get(token.content());
        if (modelId != null && modelId != token.id()) {
            throw UserError.at(file, field + ": token '" + token.content() + "' has id " + token.id()
                    + " but it is model piece " + modelId);
        }
        String other = byId.get(token.id());
        if (other != null) {
            throw UserError.at(file, field + ": id " + token.id() + " is given to both '" + other
                    + "' and '" + token.content() + "'");
        }
        if (token.id() > Integer.MAX_VALUE - 1) {
            throw UserError.at(file, field + ": token '" + token.content() + "' has an id too large: " + token.id());
        }
        byContent.put(token.content(), token);
        byId.put(token.id(), token.content());
    }

    /** added_tokens.json: {"content": id, ...} (transformers' slow-tokenizer file). */
    private static Map<String, Long> readAddedTokensJson(Path file) {
        JsonNode root = Json.readTree(file);
        if (!root.isObject()) {
            throw UserError.at(file, "expected a JSON object mapping token text to id");
        }
        Map<String, Long> tokens = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().canConvertToLong() || entry.getValue().asLong() < 0) {
                throw UserError.at(file, "'" + entry.getKey() + "': expected a non-negative integer id, got "
                        + entry.getValue());
            }
            tokens.put(entry.getKey(), entry.getValue().asLong());
        }
        return tokens;
    }

    private static Set<String> namedSpecial(TokenizerConfig config) {
        Set<String> named = new HashSet<>(config.additionalSpecialTokens());
        config.bosToken().ifPresent(named::add);
        config.eosToken().ifPresent(named::add);
        config.padToken().ifPresent(named::add);
        config.unkToken().ifPresent(named::add);
        return named;
    }
}
