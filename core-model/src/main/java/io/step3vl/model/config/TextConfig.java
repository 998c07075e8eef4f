package io.step3vl.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code text_config}: the Qwen3 decoder (architecture.md §1.4, §4). Absent keys take Hugging Face
 * {@code Qwen3Config}'s defaults. {@code eos_token_id} and {@code max_position_embeddings} are not
 * verified for the release, so they are only ever read from the checkpoint, never assumed.
 *
 * @param headDim      per-head width; may differ from hidden / heads (Qwen3 states it explicitly)
 * @param eosTokenIds  empty when the config names none
 * @param bosTokenId   null when the config names none
 */
public record TextConfig(
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        int intermediateSize,
        int vocabSize,
        double rmsNormEps,
        double ropeTheta,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        String hiddenAct,
        Integer bosTokenId,
        List<Integer> eosTokenIds) {

    public TextConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Query heads sharing one key/value head (GQA). */
    public int groupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }

    static TextConfig fromJson(JsonNode o, ConfigProblems p) {
        String k = "text_config.";
        int hidden = p.positiveInt(o, k, "hidden_size");
        int heads = p.positiveInt(o, k, "num_attention_heads");
        JsonNode bos = o.get("bos_token_id");
        TextConfig c = new TextConfig(
                hidden,
                p.positiveInt(o, k, "num_hidden_layers"),
                heads,
                p.intValue(o, k, "num_key_value_heads", heads),
                p.intValue(o, k, "head_dim", hidden / Math.max(1, heads)),
                p.positiveInt(o, k, "intermediate_size"),
                p.positiveInt(o, k, "vocab_size"),
                p.doubleValue(o, k, "rms_norm_eps", 1e-6),
                p.doubleValue(o, k, "rope_theta", 10000.0),
                p.intValue(o, k, "max_position_embeddings", 32768),
                p.boolValue(o, k, "tie_word_embeddings", false),
                p.boolValue(o, k, "attention_bias", false),
                p.stringValue(o, k, "hidden_act", "silu"),
                bos == null || bos.isNull() ? null : p.intValue(o, k, "bos_token_id", 0),
                p.intList(o, k, "eos_token_id"));
        c.validate(p);
        JsonNode scaling = o.get("rope_scaling");
        p.check(scaling == null || scaling.isNull(), k + "rope_scaling", "RoPE scaling is not supported, expected null");
        p.check(!p.boolValue(o, k, "use_sliding_window", false), k + "use_sliding_window",
                "sliding-window attention is not supported, expected false");
        return c;
    }

    void validate(ConfigProblems p) {
        String k = "text_config.";
        p.check(numKeyValueHeads > 0 && numAttentionHeads % numKeyValueHeads == 0, k + "num_key_value_heads",
                "expected a positive divisor of num_attention_heads " + numAttentionHeads + ", got " + numKeyValueHeads);
        p.check(headDim > 0 && headDim % 2 == 0, k + "head_dim", "expected a positive even integer, got " + headDim);
        p.check(rmsNormEps > 0, k + "rms_norm_eps", "expected a positive number, got " + rmsNormEps);
        p.check(ropeTheta > 0, k + "rope_theta", "expected a positive number, got " + ropeTheta);
        p.check(maxPositionEmbeddings > 0, k + "max_position_embeddings",
                "expected a positive integer, got " + maxPositionEmbeddings);
        p.check("silu".equals(hiddenAct), k + "hidden_act", "expected \"silu\" (Qwen3), got \"" + hiddenAct + "\"");
        p.check(!attentionBias, k + "attention_bias", "attention biases are not supported (Qwen3 has none), expected false");
        for (int id : eosTokenIds) {
            p.check(id >= 0 && id < vocabSize, k + "eos_token_id", "id " + id + " is outside the vocabulary 0.." + (vocabSize - 1));
        }
        p.check(bosTokenId == null || (bosTokenId >= 0 && bosTokenId < vocabSize), k + "bos_token_id",
                "id " + bosTokenId + " is outside the vocabulary 0.." + (vocabSize - 1));
    }

    void writeTo(ObjectNode o) {
        if (!o.has("model_type")) {
            o.put("model_type", "qwen3");
        }
        if (!o.has("architectures")) {
            o.putArray("architectures").add("Qwen3ForCausalLM");
        }
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("num_key_value_heads", numKeyValueHeads);
        o.put("head_dim", headDim);
        o.put("intermediate_size", intermediateSize);
        o.put("vocab_size", vocabSize);
        o.put("rms_norm_eps", rmsNormEps);
        o.put("rope_theta", ropeTheta);
        o.putNull("rope_scaling");
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("tie_word_embeddings", tieWordEmbeddings);
        o.put("attention_bias", attentionBias);
        o.put("hidden_act", hiddenAct);
        if (!o.has("use_sliding_window")) {
            o.put("use_sliding_window", false);
        }
        if (bosTokenId == null) {
            o.remove("bos_token_id");
        } else {
            o.put("bos_token_id", bosTokenId);
        }
        if (eosTokenIds.isEmpty()) {
            o.remove("eos_token_id");
        } else if (eosTokenIds.size() == 1 && o.path("eos_token_id").isInt()) {
            o.put("eos_token_id", eosTokenIds.get(0)); // keep a scalar a scalar
        } else {
            ArrayNode a = o.putArray("eos_token_id");
            eosTokenIds.forEach(a::add);
        }
    }
}
