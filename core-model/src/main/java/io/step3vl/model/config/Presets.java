package io.step3vl.model.config;

import io.step3vl.common.UserError;
import java.util.List;
import java.util.Locale;

/**
 * The shipped model configurations.
 *
 * <ul>
 *   <li>{@code step3-vl-10b}: the release's numbers (architecture.md §1.2–1.4), 10,171,750,144 parameters.
 *       Its eos ids are the tiny-random copy's, minus {@code <im_patch>}, and UNVERIFIED: a real
 *       checkpoint's own config.json / generation_config.json always wins.</li>
 *   <li>{@code tiny}: trains on CPU in minutes on the shapes world; vocabulary = the toy byte-level
 *       tokenizer's 512 ids (Contracts §3); global view 224 px (16 tokens), crops 168 px (9 tokens).</li>
 *   <li>{@code small}: 105,579,264 parameters, for benchmarks; same toy vocabulary and special ids.</li>
 * </ul>
 * Launch: {@code step3vl init --preset tiny --out models/tiny}.
 */
public final class Presets {
    public static final String STEP3_VL_10B = "step3-vl-10b";
    public static final String TINY = "tiny";
    public static final String SMALL = "small";

    /** Toy tokenizer ids (Contracts §3). */
    public static final int TOY_VOCAB = 512;
    public static final int TOY_ENDOFTEXT = 496;
    public static final int TOY_IM_END_CHAT = 498;
    public static final int TOY_IM_PATCH = 501;

    private Presets() {}

    public static List<String> names() {
        return List.of(STEP3_VL_10B, TINY, SMALL);
    }

    /** The preset's model config; a {@link UserError} listing the names for an unknown one. */
    public static ModelConfig get(String name) {
        ModelConfig c = switch (name.toLowerCase(Locale.ROOT)) {
            case STEP3_VL_10B -> step3vl10b();
            case TINY -> tiny();
            case SMALL -> small();
            default -> throw new UserError("--preset: unknown preset \"" + name + "\", expected one of " + names());
        };
        return c.validated("preset " + name);
    }

    /** The preset's generation_config.json: its stop tokens, no sampling defaults. */
    public static GenerationConfig generationConfig(String name) {
        return GenerationConfig.fromModel(get(name));
    }

    private static ModelConfig step3vl10b() {
        VisionConfig vision = new VisionConfig(1536, 47, 16, 3, 728, 14, VisionConfig.DEFAULT_MLP_RATIO,
                "quick_gelu", 1e-5, false, true, false, true, true, 0.1, 10000.0);
        TextConfig text = new TextConfig(4096, 36, 32, 8, 128, 12288, 151936, 1e-6, 1_000_000.0, 65536,
                false, false, "silu", 151643, List.of(151643, 151645));
        return new ModelConfig(ModelConfig.MODEL_TYPE, List.of(ModelConfig.ARCHITECTURE), 151679, 169, 81, 2,
                false, -1, true, "<im_start>", "<im_end>", "<im_patch>", vision, text, null);
    }

    private static ModelConfig tiny() {
        VisionConfig vision = new VisionConfig(64, 2, 4, 3, 224, 14, 4.0,
                "quick_gelu", 1e-5, false, true, false, true, true, 0.1, 10000.0);
        TextConfig text = new TextConfig(128, 4, 4, 2, 32, 384, TOY_VOCAB, 1e-6, 1_000_000.0, 8192,
                false, false, "silu", TOY_ENDOFTEXT, List.of(TOY_IM_END_CHAT, TOY_ENDOFTEXT));
        return new ModelConfig(ModelConfig.MODEL_TYPE, List.of(ModelConfig.ARCHITECTURE), TOY_IM_PATCH, 16, 9, 2,
                false, -1, true, "<im_start>", "<im_end>", "<im_patch>", vision, text, null);
    }

    private static ModelConfig small() {
        VisionConfig vision = new VisionConfig(384, 8, 6, 3, 448, 14, 4.0,
                "quick_gelu", 1e-5, false, true, false, true, true, 0.1, 10000.0);
        TextConfig text = new TextConfig(768, 12, 12, 4, 64, 2048, TOY_VOCAB, 1e-6, 1_000_000.0, 8192,
                false, false, "silu", TOY_ENDOFTEXT, List.of(TOY_IM_END_CHAT, TOY_ENDOFTEXT));
        return new ModelConfig(ModelConfig.MODEL_TYPE, List.of(ModelConfig.ARCHITECTURE), TOY_IM_PATCH, 64, 36, 2,
                false, -1, true, "<im_start>", "<im_end>", "<im_patch>", vision, text, null);
    }
}
