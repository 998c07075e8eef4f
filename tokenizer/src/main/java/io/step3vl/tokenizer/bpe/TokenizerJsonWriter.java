package io.step3vl.tokenizer.bpe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.tokenizer.AddedToken;
import java.util.List;

/**
 * A byte-level BPE model as a Hugging Face tokenizer.json with Qwen3's pipeline: NFC normaliser,
 * Split(regex, Isolated) + ByteLevel pre-tokeniser, ByteLevel post-processor (adds nothing) and
 * decoder, and the given added tokens (which must follow the model's ids without gaps).
 */
public final class TokenizerJsonWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TokenizerJsonWriter() {}

    public static String write(BpeModel model, List<AddedToken> addedTokens) {
        long expected = model.size();
        for (AddedToken token : addedTokens) {
            if (token.id() != expected++) {
                throw new IllegalArgumentException("added token " + token.content() + " has id " + token.id()
                        + ", expected " + (expected - 1) + " (added tokens follow the model's ids without gaps)");
            }
        }
        ObjectNode root = F.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (AddedToken token : addedTokens) {
            added.addObject()
                    .put("id", token.id())
                    .put("content", token.content())
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", token.special());
        }
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", PreTokenizer.PATTERN);
        split.put("behavior", "Isolated").put("invert", false);
        steps.add(byteLevel());
        root.set("post_processor", byteLevel());
        root.set("decoder", byteLevel());
        ObjectNode bpe = root.putObject("model");
        bpe.put("type", "BPE");
        bpe.putNull("dropout");
        bpe.putNull("unk_token");
        bpe.put("continuing_subword_prefix", "");
        bpe.put("end_of_word_suffix", "");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("ignore_merges", false);
        ObjectNode vocab = bpe.putObject("vocab");
        List<String> pieces = model.pieces();
        for (int id = 0; id < pieces.size(); id++) {
            vocab.put(pieces.get(id), id);
        }
        ArrayNode merges = bpe.putArray("merges");
        for (Merge merge : model.merges()) {
            merges.addArray().add(pieces.get(merge.left())).add(pieces.get(merge.right()));
        }
        return Json.pretty(root) + "\n";
    }

    private static ObjectNode byteLevel() {
        return F.objectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", false);
    }

    /** Reads the model back from a tokenizer.json this class wrote (vocab and merges only). */
    public static BpeModel read(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = Json.MAPPER.readTree(json);
            com.fasterxml.jackson.databind.JsonNode vocab = root.path("model").path("vocab");
            String[] pieces = new String[vocab.size()];
            vocab.fields().forEachRemaining(e -> pieces[e.getValue().asInt()] = e.getKey());
            java.util.Map<String, Integer> idOf = new java.util.HashMap<>();
            for (int i = 0; i < pieces.length; i++) {
                idOf.put(pieces[i], i);
            }
            List<Merge> merges = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode pair : root.path("model").path("merges")) {
                String left = pair.get(0).asText();
                String right = pair.get(1).asText();
                merges.add(new Merge(idOf.get(left), idOf.get(right), idOf.get(left + right)));
            }
            return new BpeModel(List.of(pieces), merges);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a tokenizer.json: " + e.getOriginalMessage(), e);
        }
    }
}
