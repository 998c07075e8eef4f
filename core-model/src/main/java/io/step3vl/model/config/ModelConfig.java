package io.step3vl.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The STEP3-VL model configuration, read from and written to Hugging Face {@code config.json} under
 * the release's field names (architecture.md §1.2). Top-level fields are typed here; the vision
 * tower and the decoder have their own records. Unknown fields, at every level, are kept in
 * {@link #json()} and written back unchanged.
 *
 * @param imageTokenId           the {@code <im_patch>} id whose embedding rows image features replace
 * @param imageTokenLen          tokens of the global view after the projector (169 = 13²)
 * @param patchTokenLen          tokens of one local crop after the projector (81 = 9²)
 * @param projectorStride        stride of both projector convolutions ({@code understand_projector_stride}, 2)
 * @param visionSelectLayer      which block's output feeds the projector (-1 = last; the only supported value)
 */
public record ModelConfig(
        String modelType,
        List<String> architectures,
        int imageTokenId,
        int imageTokenLen,
        int patchTokenLen,
        int projectorStride,
        boolean projectorBias,
        int visionSelectLayer,
        boolean useImStartEnd,
        String imStartToken,
        String imEndToken,
        String imPatchToken,
        VisionConfig vision,
        TextConfig text,
        ObjectNode json) {

    public static final String CONFIG_FILE = "config.json";
    public static final String MODEL_TYPE = "step_robotics";
    public static final String ARCHITECTURE = "StepVLForConditionalGeneration";
    /** Longest image side before the multi-crop plan (the release processor's cap, architecture.md §5.1). */
    public static final int MAX_IMAGE_SIDE = 3024;

    public ModelConfig {
        architectures = List.copyOf(architectures);
        json = json == null ? JsonNodeFactory.instance.objectNode() : json.deepCopy();
    }

    /** The fields as read, unknown ones included (a copy). */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    // ---- derived quantities used by the network and the image processor

    /** Side of the global view in pixels: {@code vision_config.image_size} (728 real, 224 tiny). */
    public int globalImageSize() {
        return vision.imageSize();
    }

    /** Projector grid of a view whose patch grid is {@code grid}: two 3x3 convs, padding 1. */
    public int projectedGrid(int grid) {
        int g = grid;
        for (int i = 0; i < 2; i++) {
            g = (g - 1) / projectorStride + 1;
        }
        return g;
    }

    /** Side of one local crop in pixels: sqrt(patch_token_len) · stride² · patch_size (504 real). */
    public int cropImageSize() {
        return (int) Math.round(Math.sqrt(patchTokenLen)) * projectorStride * projectorStride * vision.patchSize();
    }

    /** Image-feature tokens of a square view of {@code side} pixels. */
    public int tokensPerView(int side) {
        int g = projectedGrid(side / vision.patchSize());
        return g * g;
    }

    // ---- reading and writing

    /** Reads {@code config.json} from a checkpoint directory or a file path. */
    public static ModelConfig read(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(CONFIG_FILE) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw UserError.at(file, "no such file (a checkpoint directory needs " + CONFIG_FILE + ")");
        }
        return fromJson(Json.readTree(file), file.toString());
    }

    /** Parses and validates a config tree; every problem is reported in one {@link UserError} naming {@code source}. */
    public static ModelConfig fromJson(JsonNode root, String source) {
        ConfigProblems p = new ConfigProblems(source);
        if (root == null || !root.isObject()) {
            p.add("(root)", "expected a JSON object");
            p.throwIfAny();
        }
        JsonNode visionNode = p.object(root, "", "vision_config");
        JsonNode textNode = p.object(root, "", "text_config");
        if (!root.has("text_config")) {
            p.add("text_config", "missing: expected the decoder's configuration object");
        }
        String modelType = p.stringValue(root, "", "model_type", MODEL_TYPE);
        p.check(MODEL_TYPE.equals(modelType), "model_type", "expected \"" + MODEL_TYPE + "\", got \"" + modelType + "\"");
        List<String> archs = architectures(root, p);
        VisionConfig vision = VisionConfig.fromJson(visionNode, p);
        TextConfig text = TextConfig.fromJson(textNode, p);
        if (!root.has("image_token_id")) {
            p.add("image_token_id", "missing: expected the id of the <im_patch> token");
        }
        ModelConfig c = new ModelConfig(
                modelType,
                archs,
                p.intValue(root, "", "image_token_id", 0),
                p.intValue(root, "", "image_token_len", 169),
                p.intValue(root, "", "patch_token_len", 81),
                p.intValue(root, "", "understand_projector_stride", 2),
                p.boolValue(root, "", "projector_bias", false),
                p.intValue(root, "", "vision_select_layer", -1),
                p.boolValue(root, "", "use_im_start_end", true),
                p.stringValue(root, "", "im_start_token", "<im_start>"),
                p.stringValue(root, "", "im_end_token", "<im_end>"),
                p.stringValue(root, "", "im_patch_token", "<im_patch>"),
                vision,
                text,
                (ObjectNode) root);
        c.validate(p);
        p.throwIfAny();
        return c;
    }

    private static List<String> architectures(JsonNode root, ConfigProblems p) {
        JsonNode a = root.get("architectures");
        if (a == null || a.isNull()) {
            return List.of(ARCHITECTURE);
        }
        if (!a.isArray()) {
            p.add("architectures", "expected a list of class names");
            return List.of(ARCHITECTURE);
        }
        List<String> out = new java.util.ArrayList<>();
        a.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Cross-field checks; {@link #fromJson} and the presets both run them. */
    void validate(ConfigProblems p) {
        p.check(imageTokenId >= 0 && imageTokenId < text.vocabSize(), "image_token_id",
                "id " + imageTokenId + " is outside the vocabulary 0.." + (text.vocabSize() - 1));
        p.check(projectorStride > 0, "understand_projector_stride", "expected a positive integer, got " + projectorStride);
        p.check(visionSelectLayer == -1, "vision_select_layer", "only -1 (the last block) is supported, got " + visionSelectLayer);
        p.check(!projectorBias, "projector_bias", "a bias on vit_large_projector is not supported (the release has none)");
        if (projectorStride > 0 && vision.patchSize() > 0 && vision.imageSize() % Math.max(1, vision.patchSize()) == 0) {
            int global = tokensPerView(vision.imageSize());
            p.check(imageTokenLen == global, "image_token_len", "expected " + global + " (the global view "
                    + vision.imageSize() + "px gives that many projector tokens), got " + imageTokenLen);
        }
        int side = (int) Math.round(Math.sqrt(patchTokenLen));
        p.check(patchTokenLen > 0 && side * side == patchTokenLen, "patch_token_len",
                "expected a positive perfect square (tokens of one square crop), got " + patchTokenLen);
    }

    /** The config.json tree: the original fields (unknown ones included) with every typed field set. */
    public ObjectNode toJson() {
        ObjectNode o = json.deepCopy();
        ArrayNode archs = o.putArray("architectures");
        architectures.forEach(archs::add);
        o.put("model_type", modelType);
        o.put("image_token_id", imageTokenId);
        o.put("image_token_len", imageTokenLen);
        o.put("patch_token_len", patchTokenLen);
        o.put("understand_projector_stride", projectorStride);
        o.put("projector_bias", projectorBias);
        o.put("vision_select_layer", visionSelectLayer);
        o.put("use_im_start_end", Boolean.toString(useImStartEnd)); // the release writes a string
        o.put("im_start_token", imStartToken);
        o.put("im_end_token", imEndToken);
        o.put("im_patch_token", imPatchToken);
        ObjectNode v = o.has("vision_config") && o.get("vision_config").isObject()
                ? (ObjectNode) o.get("vision_config") : o.putObject("vision_config");
        vision.writeTo(v);
        ObjectNode t = o.has("text_config") && o.get("text_config").isObject()
                ? (ObjectNode) o.get("text_config") : o.putObject("text_config");
        text.writeTo(t);
        return o;
    }

    /** Writes config.json atomically (indented). */
    public void write(Path file) {
        AtomicFiles.writeString(file, Json.pretty(toJson()) + "\n");
    }

    /** A copy with the decoder replaced (for presets and tests); unknown fields are kept. */
    public ModelConfig withText(TextConfig newText) {
        return new ModelConfig(modelType, architectures, imageTokenId, imageTokenLen, patchTokenLen, projectorStride,
                projectorBias, visionSelectLayer, useImStartEnd, imStartToken, imEndToken, imPatchToken, vision,
                newText, json);
    }

    /** A copy with the vision tower replaced; unknown fields are kept. */
    public ModelConfig withVision(VisionConfig newVision) {
        return new ModelConfig(modelType, architectures, imageTokenId, imageTokenLen, patchTokenLen, projectorStride,
                projectorBias, visionSelectLayer, useImStartEnd, imStartToken, imEndToken, imPatchToken, newVision,
                text, json);
    }

    /** Re-validates after programmatic construction; throws one {@link UserError} listing every problem. */
    public ModelConfig validated(String source) {
        ConfigProblems p = new ConfigProblems(source);
        vision.validate(p);
        text.validate(p);
        validate(p);
        p.throwIfAny();
        return this;
    }
}
