package io.step3vl.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the Java side needs from a tokenizer.json (the model's piece table and the added tokens)
 * with a streaming parser, so the 150k merges of a Qwen3 file are skipped rather than held as a tree;
 * and rewrites the added-token list when the Rust library would otherwise assign other ids.
 */
final class TokenizerJson {
    /** The model type ("BPE", "Unigram", ...), its pieces by id, and the declared added tokens in file order. */
    record Summary(String modelType, String[] modelPieces, List<AddedToken> addedTokens) {
        int modelVocabSize() {
            return modelPieces.length;
        }
    }

    private TokenizerJson() {}

    static Summary summarize(Path file) {
        String modelType = null;
        String[] pieces = null;
        List<AddedToken> added = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw UserError.at(file, "expected a JSON object (a Hugging Face tokenizer.json)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("added_tokens".equals(field) && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        added.add(readAddedToken(file, p));
                    }
                } else if ("model".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken value = p.nextToken();
                        if ("type".equals(key) && value == JsonToken.VALUE_STRING) {
                            modelType = p.getText();
                        } else if ("vocab".equals(key)) {
                            pieces = readVocab(file, p);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw UserError.at(file, "malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserError.at(file, "cannot read: " + e.getMessage());
        }
        if (pieces == null) {
            throw UserError.at(file, "model.vocab is missing; expected a Hugging Face tokenizer.json");
        }
        return new Summary(modelType == null ? "BPE" : modelType, pieces, added);
    }

    private static AddedToken readAddedToken(Path file, JsonParser p) throws IOException {
        Long id = null;
        String content = null;
        boolean special = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "id" -> id = value.isNumeric() ? p.getLongValue() : null;
                case "content" -> content = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "special" -> special = value == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
        if (id == null || content == null || id < 0) {
            throw UserError.at(file, "added_tokens: expected entries with an integer id >= 0 and a content string");
        }
        return new AddedToken(id, content, special);
    }

    /** BPE/WordPiece/WordLevel vocab is {piece: id}; Unigram's is [[piece, score], ...] (id = index). */
    private static String[] readVocab(Path file, JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            Map<String, Integer> byPiece = new HashMap<>();
            int max = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String piece = p.currentName();
                if (!p.nextToken().isNumeric()) {
                    throw UserError.at(file, "model.vocab['" + piece + "']: expected an integer id");
                }
                int id = p.getIntValue();
                if (id < 0) {
                    throw UserError.at(file, "model.vocab['" + piece + "']: negative id " + id);
                }
                byPiece.put(piece, id);
                max = Math.max(max, id);
            }
            String[] pieces = new String[max + 1];
            byPiece.forEach((piece, id) -> pieces[id] = piece);
            return pieces;
        }
        if (p.currentToken() == JsonToken.START_ARRAY) {
            List<String> pieces = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                pieces.add(p.getText());
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
            }
            return pieces.toArray(new String[0]);
        }
        throw UserError.at(file, "model.vocab: expected an object or an array");
    }

    /**
     * The ids tokenizers-rs gives added tokens while loading: it ignores the declared ids and numbers
     * new tokens consecutively from the model's vocabulary size in file order (so a gap in the declared
     * ids shifts every later token). A token whose content is a model piece takes that piece's id.
     */
    static Map<String, Long> idsAsLoaded(Summary summary) {
        Map<String, Integer> modelIds = new HashMap<>();
        String[] pieces = summary.modelPieces();
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] != null) {
                modelIds.putIfAbsent(pieces[id], id);
            }
        }
        Map<String, Long> assigned = new LinkedHashMap<>();
        long max = -1;
        for (AddedToken token : summary.addedTokens()) {
            Integer modelId = modelIds.get(token.content());
            if (modelId != null) {
                assigned.putIfAbsent(token.content(), (long) modelId);
                max = Math.max(max, modelId);
                continue;
            }
            if (assigned.containsKey(token.content())) {
                continue;
            }
            long id = max < 0 || max < summary.modelVocabSize() ? summary.modelVocabSize() : max + 1;
            assigned.put(token.content(), id);
            max = Math.max(max, id);
        }
        return assigned;
    }

    /**
     * tokenizer.json text whose added_tokens list is {@code tokens} sorted by id, with unused
     * placeholder tokens filling any gap so tokenizers-rs keeps the declared ids.
     */
    static String withAddedTokens(Path file, int modelVocabSize, List<AddedToken> tokens) {
        JsonNode root = Json.readTree(file);
        Map<String, ObjectNode> declared = new HashMap<>();
        for (JsonNode node : root.path("added_tokens")) {
            declared.putIfAbsent(node.path("content").asText(), (ObjectNode) node);
        }
        List<AddedToken> sorted = new ArrayList<>(tokens);
        sorted.sort(Comparator.comparingLong(AddedToken::id));
        ArrayNode list = Json.MAPPER.createArrayNode();
        long next = modelVocabSize;
        for (AddedToken token : sorted) {
            for (; next < token.id(); next++) {
                list.add(entry(next, placeholder(next), true));
            }
            // keep the file's own flags (lstrip, normalized, ...) for tokens it declared
            ObjectNode original = declared.get(token.content());
            list.add(original != null ? original.deepCopy().put("id", token.id())
                    : entry(token.id(), token.content(), token.special()));
            next = Math.max(next, token.id() + 1);
        }
        ((ObjectNode) root).set("added_tokens", list);
        return Json.line(root);
    }

    /** Content of a gap-filling token: never produced by real text, dropped by skip-special decoding. */
    static String placeholder(long id) {
        return "<|step3vl_unused_" + id + "|>";
    }

    private static ObjectNode entry(long id, String content, boolean special) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("content", content);
        node.put("single_word", false);
        node.put("lstrip", false);
        node.put("rstrip", false);
        node.put("normalized", false);
        node.put("special", special);
        return node;
    }
}
