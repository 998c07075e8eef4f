package io.step3vl.model;

import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.TextConfig;
import io.step3vl.model.config.VisionConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor a checkpoint of a given config holds, under the release's names (architecture.md §1.5),
 * with its shape. The single source of truth for loading (missing / unexpected / mis-shaped checks),
 * random initialisation and parameter counts.
 */
public final class WeightLayout {
    /** Which part of the model a tensor belongs to. */
    public enum Component { VISION, PROJECTOR, DECODER }

    /** Shape and component of one tensor. */
    public record Entry(long[] shape, Component component, Kind kind) {
        public long elementCount() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** What a tensor is, which decides its random initialisation. */
    public enum Kind { WEIGHT, BIAS, NORM_WEIGHT, NORM_BIAS, LAYER_SCALE, EMBEDDING }

    public static final String VISION = "vision_model.";
    public static final String BLOCK = VISION + "transformer.resblocks.";

    private final Map<String, Entry> entries;

    private WeightLayout(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static WeightLayout of(ModelConfig config) {
        Map<String, Entry> m = new LinkedHashMap<>();
        addVision(m, config.vision());
        addProjector(m, config);
        addDecoder(m, config.text());
        return new WeightLayout(m);
    }

    /** Name → entry in checkpoint order (vision, projector, decoder). */
    public Map<String, Entry> entries() {
        return entries;
    }

    public long parameterCount() {
        return entries.values().stream().mapToLong(Entry::elementCount).sum();
    }

    public long parameterCount(Component component) {
        return entries.values().stream().filter(e -> e.component() == component).mapToLong(Entry::elementCount).sum();
    }

    private static void addVision(Map<String, Entry> m, VisionConfig v) {
        long c = v.width();
        long grid = v.nativeGrid();
        put(m, VISION + "conv1.weight", Component.VISION, Kind.WEIGHT, c, v.numChannels(), v.patchSize(), v.patchSize());
        if (v.useAbsPosemb()) {
            put(m, VISION + "positional_embedding", Component.VISION, Kind.EMBEDDING, grid * grid, c);
        }
        if (v.useLnPre()) {
            put(m, VISION + "ln_pre.weight", Component.VISION, Kind.NORM_WEIGHT, c);
            put(m, VISION + "ln_pre.bias", Component.VISION, Kind.NORM_BIAS, c);
        }
        long mlp = v.mlpHidden();
        for (int i = 0; i < v.layers(); i++) {
            String b = BLOCK + i + ".";
            put(m, b + "ln_1.weight", Component.VISION, Kind.NORM_WEIGHT, c);
            put(m, b + "ln_1.bias", Component.VISION, Kind.NORM_BIAS, c);
            put(m, b + "attn.in_proj_weight", Component.VISION, Kind.WEIGHT, 3 * c, c);
            put(m, b + "attn.in_proj_bias", Component.VISION, Kind.BIAS, 3 * c);
            put(m, b + "attn.out_proj.weight", Component.VISION, Kind.WEIGHT, c, c);
            put(m, b + "attn.out_proj.bias", Component.VISION, Kind.BIAS, c);
            put(m, b + "ls_1.gamma", Component.VISION, Kind.LAYER_SCALE, c);
            put(m, b + "ln_2.weight", Component.VISION, Kind.NORM_WEIGHT, c);
            put(m, b + "ln_2.bias", Component.VISION, Kind.NORM_BIAS, c);
            put(m, b + "mlp.c_fc.weight", Component.VISION, Kind.WEIGHT, mlp, c);
            put(m, b + "mlp.c_fc.bias", Component.VISION, Kind.BIAS, mlp);
            put(m, b + "mlp.c_proj.weight", Component.VISION, Kind.WEIGHT, c, mlp);
            put(m, b + "mlp.c_proj.bias", Component.VISION, Kind.BIAS, c);
            put(m, b + "ls_2.gamma", Component.VISION, Kind.LAYER_SCALE, c);
        }
        if (v.useLnPost()) {
            put(m, VISION + "ln_post.weight", Component.VISION, Kind.NORM_WEIGHT, c);
            put(m, VISION + "ln_post.bias", Component.VISION, Kind.NORM_BIAS, c);
        }
    }

    private static void addProjector(Map<String, Entry> m, ModelConfig config) {
        long c = config.vision().width();
        put(m, VISION + "vit_downsampler1.weight", Component.PROJECTOR, Kind.WEIGHT, 2 * c, c, 3, 3);
        put(m, VISION + "vit_downsampler1.bias", Component.PROJECTOR, Kind.BIAS, 2 * c);
        put(m, VISION + "vit_downsampler2.weight", Component.PROJECTOR, Kind.WEIGHT, 4 * c, 2 * c, 3, 3);
        put(m, VISION + "vit_downsampler2.bias", Component.PROJECTOR, Kind.BIAS, 4 * c);
        put(m, "vit_large_projector.weight", Component.PROJECTOR, Kind.WEIGHT, config.text().hiddenSize(), 4 * c);
    }

    private static void addDecoder(Map<String, Entry> m, TextConfig t) {
        long h = t.hiddenSize();
        long q = (long) t.numAttentionHeads() * t.headDim();
        long kv = (long) t.numKeyValueHeads() * t.headDim();
        long inter = t.intermediateSize();
        put(m, "model.embed_tokens.weight", Component.DECODER, Kind.EMBEDDING, t.vocabSize(), h);
        for (int l = 0; l < t.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            put(m, p + "input_layernorm.weight", Component.DECODER, Kind.NORM_WEIGHT, h);
            put(m, p + "self_attn.q_proj.weight", Component.DECODER, Kind.WEIGHT, q, h);
            put(m, p + "self_attn.k_proj.weight", Component.DECODER, Kind.WEIGHT, kv, h);
            put(m, p + "self_attn.v_proj.weight", Component.DECODER, Kind.WEIGHT, kv, h);
            put(m, p + "self_attn.o_proj.weight", Component.DECODER, Kind.WEIGHT, h, q);
            put(m, p + "self_attn.q_norm.weight", Component.DECODER, Kind.NORM_WEIGHT, t.headDim());
            put(m, p + "self_attn.k_norm.weight", Component.DECODER, Kind.NORM_WEIGHT, t.headDim());
            put(m, p + "post_attention_layernorm.weight", Component.DECODER, Kind.NORM_WEIGHT, h);
            put(m, p + "mlp.gate_proj.weight", Component.DECODER, Kind.WEIGHT, inter, h);
            put(m, p + "mlp.up_proj.weight", Component.DECODER, Kind.WEIGHT, inter, h);
            put(m, p + "mlp.down_proj.weight", Component.DECODER, Kind.WEIGHT, h, inter);
        }
        put(m, "model.norm.weight", Component.DECODER, Kind.NORM_WEIGHT, h);
        if (!t.tieWordEmbeddings()) {
            put(m, "lm_head.weight", Component.DECODER, Kind.WEIGHT, t.vocabSize(), h);
        }
    }

    private static void put(Map<String, Entry> m, String name, Component c, Kind k, long... shape) {
        m.put(name, new Entry(shape, c, k));
    }
}
