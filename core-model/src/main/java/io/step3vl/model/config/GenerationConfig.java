package io.step3vl.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code generation_config.json}: the checkpoint's own stop tokens and sampling defaults. The
 * release's eos ids are not verified (architecture.md §9.2), so generation stops on exactly the ids
 * this file (or, without it, {@code text_config.eos_token_id}) lists — never on assumed ones.
 *
 * @param eosTokenIds  stop tokens, in the file's order
 * @param temperature  null when the file sets none (as for the other sampling fields)
 */
public record GenerationConfig(
        Integer bosTokenId,
        List<Integer> eosTokenIds,
        Integer padTokenId,
        Double temperature,
        Double topP,
        Integer topK,
        ObjectNode json) {

    public static final String FILE = "generation_config.json";

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        json = json == null ? JsonNodeFactory.instance.objectNode() : json.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The ids that end a generation. */
    public List<Integer> stopTokenIds() {
        return eosTokenIds;
    }

    /** Derived from the model config alone (no generation_config.json). */
    public static GenerationConfig fromModel(ModelConfig model) {
        return new GenerationConfig(model.text().bosTokenId(), model.text().eosTokenIds(), null, null, null, null, null);
    }

    /**
     * Reads {@code dir/generation_config.json}; ids it leaves out fall back to {@code model}'s
     * text_config. Without the file, {@link #fromModel}.
     */
    public static GenerationConfig read(Path dir, ModelConfig model) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return fromModel(model);
        }
        JsonNode root = Json.readTree(file);
        ConfigProblems p = new ConfigProblems(file.toString());
        if (!root.isObject()) {
            p.add("(root)", "expected a JSON object");
            p.throwIfAny();
        }
        List<Integer> eos = p.intList(root, "", "eos_token_id");
        JsonNode bos = root.get("bos_token_id");
        JsonNode pad = root.get("pad_token_id");
        GenerationConfig g = new GenerationConfig(
                bos == null || bos.isNull() ? model.text().bosTokenId() : Integer.valueOf(p.intValue(root, "", "bos_token_id", 0)),
                eos.isEmpty() ? model.text().eosTokenIds() : eos,
                pad == null || pad.isNull() ? null : p.intValue(root, "", "pad_token_id", 0),
                root.hasNonNull("temperature") ? p.doubleValue(root, "", "temperature", 1.0) : null,
                root.hasNonNull("top_p") ? p.doubleValue(root, "", "top_p", 1.0) : null,
                root.hasNonNull("top_k") ? p.intValue(root, "", "top_k", 0) : null,
                (ObjectNode) root);
        int vocab = model.text().vocabSize();
        for (int id : g.eosTokenIds) {
            p.check(id >= 0 && id < vocab, "eos_token_id", "id " + id + " is outside the vocabulary 0.." + (vocab - 1));
        }
        p.throwIfAny();
        return g;
    }

    public ObjectNode toJson() {
        ObjectNode o = json.deepCopy();
        putOrRemove(o, "bos_token_id", bosTokenId);
        if (eosTokenIds.isEmpty()) {
            o.remove("eos_token_id");
        } else {
            ArrayNode a = o.putArray("eos_token_id");
            eosTokenIds.forEach(a::add);
        }
        putOrRemove(o, "pad_token_id", padTokenId);
        if (temperature != null) {
            o.put("temperature", temperature);
        }
        if (topP != null) {
            o.put("top_p", topP);
        }
        if (topK != null) {
            o.put("top_k", topK);
        }
        return o;
    }

    /** Writes generation_config.json atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, Json.pretty(toJson()) + "\n");
    }

    private static void putOrRemove(ObjectNode o, String key, Integer value) {
        if (value == null) {
            o.remove(key);
        } else {
            o.put(key, value);
        }
    }
}
