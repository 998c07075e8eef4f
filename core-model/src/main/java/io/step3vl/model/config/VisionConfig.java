package io.step3vl.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * {@code vision_config}: the Perception-Encoder vision tower (architecture.md §1.3, §2). Defaults are
 * the release's class defaults, applied when a key is absent (the release config omits most of them).
 *
 * @param width        channels C of every block (1536)
 * @param layers       number of residual blocks (47)
 * @param heads        attention heads (16; head_dim = width / heads)
 * @param imageSize    side of the global view in pixels (728); its patch grid is the native grid
 * @param patchSize    conv1 kernel = stride (14)
 * @param mlpRatio     MLP hidden = (int) (width * mlpRatio) (8960/1536)
 * @param lsInitValue  LayerScale initial value (only used by random initialisation)
 */
public record VisionConfig(
        int width,
        int layers,
        int heads,
        int numChannels,
        int imageSize,
        int patchSize,
        double mlpRatio,
        String hiddenAct,
        double layerNormEps,
        boolean useClsToken,
        boolean useLnPre,
        boolean useLnPost,
        boolean useAbsPosemb,
        boolean useRope2d,
        double lsInitValue,
        double ropeTheta) {

    /** The release's {@code mlp_ratio} default: MLP hidden 8960 at width 1536. */
    public static final double DEFAULT_MLP_RATIO = 8960.0 / 1536.0;
    static final Set<String> ACTIVATIONS = Set.of("quick_gelu", "gelu");

    /** Channels per attention head. */
    public int headDim() {
        return width / heads;
    }

    /** Patches per side of the global view: the positional embedding's native grid (52 for the release). */
    public int nativeGrid() {
        return imageSize / patchSize;
    }

    /** Hidden width of each block's MLP, {@code int(width * mlp_ratio)} exactly as the reference computes it. */
    public int mlpHidden() {
        return (int) (width * mlpRatio);
    }

    static VisionConfig fromJson(JsonNode o, ConfigProblems p) {
        String k = "vision_config.";
        // The release's class spells the flag "ues_cls_token"; configs write "use_cls_token". Accept both.
        boolean cls = p.boolValue(o, k, "use_cls_token", p.boolValue(o, k, "ues_cls_token", false));
        VisionConfig c = new VisionConfig(
                p.intValue(o, k, "width", 1536),
                p.intValue(o, k, "layers", 47),
                p.intValue(o, k, "heads", 16),
                p.intValue(o, k, "num_channels", 3),
                p.intValue(o, k, "image_size", 728),
                p.intValue(o, k, "patch_size", 14),
                p.doubleValue(o, k, "mlp_ratio", DEFAULT_MLP_RATIO),
                p.stringValue(o, k, "hidden_act", "quick_gelu"),
                p.doubleValue(o, k, "layer_norm_eps", 1e-5),
                cls,
                p.boolValue(o, k, "use_ln_pre", true),
                p.boolValue(o, k, "use_ln_post", false),
                p.boolValue(o, k, "use_abs_posemb", true),
                p.boolValue(o, k, "use_rope2d", true),
                p.doubleValue(o, k, "ls_init_value", 0.1),
                p.doubleValue(o, k, "rope_theta", 10000.0));
        c.validate(p);
        return c;
    }

    void validate(ConfigProblems p) {
        String k = "vision_config.";
        p.check(width > 0, k + "width", "expected a positive integer, got " + width);
        p.check(layers > 0, k + "layers", "expected a positive integer, got " + layers);
        p.check(heads > 0, k + "heads", "expected a positive integer, got " + heads);
        p.check(numChannels > 0, k + "num_channels", "expected a positive integer, got " + numChannels);
        p.check(patchSize > 0, k + "patch_size", "expected a positive integer, got " + patchSize);
        p.check(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0, k + "image_size",
                "expected a positive multiple of patch_size " + patchSize + ", got " + imageSize);
        if (heads > 0 && width > 0) {
            p.check(width % heads == 0, k + "heads", "width " + width + " is not divisible by heads " + heads);
            // 2D RoPE splits each head in two halves (x, y), each rotated in adjacent pairs
            p.check(width % heads != 0 || (width / heads) % 4 == 0, k + "heads",
                    "head_dim " + (width / heads) + " must be a multiple of 4 for the 2D RoPE");
        }
        p.check(mlpRatio > 0 && mlpHidden() > 0, k + "mlp_ratio", "expected a positive number, got " + mlpRatio);
        p.check(ACTIVATIONS.contains(hiddenAct), k + "hidden_act", "expected one of " + ACTIVATIONS + ", got \"" + hiddenAct + "\"");
        p.check(layerNormEps > 0, k + "layer_norm_eps", "expected a positive number, got " + layerNormEps);
        p.check(!useClsToken, k + "use_cls_token", "a class token is not supported (the release has none)");
        p.check(ropeTheta > 0, k + "rope_theta", "expected a positive number, got " + ropeTheta);
    }

    void writeTo(ObjectNode o) {
        o.put("width", width);
        o.put("layers", layers);
        o.put("heads", heads);
        o.put("num_channels", numChannels);
        o.put("image_size", imageSize);
        o.put("patch_size", patchSize);
        if (mlpRatio != DEFAULT_MLP_RATIO || o.has("mlp_ratio")) {
            o.put("mlp_ratio", mlpRatio);
        }
        o.put("hidden_act", hiddenAct);
        o.put("layer_norm_eps", layerNormEps);
        o.put("use_cls_token", useClsToken);
        o.put("use_ln_pre", useLnPre);
        o.put("use_ln_post", useLnPost);
        o.put("use_abs_posemb", useAbsPosemb);
        o.put("use_rope2d", useRope2d);
        o.put("ls_init_value", lsInitValue);
        o.put("rope_theta", ropeTheta);
    }
}
