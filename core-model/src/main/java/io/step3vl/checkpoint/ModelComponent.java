package io.step3vl.checkpoint;

import java.util.Locale;

/**
 * The parts of STEP3-VL by tensor-name prefix. Both the release's stored names
 * ({@code vision_model.*}, {@code vit_large_projector.*}, {@code model.*}, {@code lm_head.*}) and the
 * Transformers runtime names ({@code model.vision_model.*}, {@code model.language_model.*}, …) are
 * recognised (architecture.md §1.5–1.6). The two downsampler convolutions are stored under
 * {@code vision_model.vit_downsampler1/2} but belong to the projector (architecture.md §3), as in
 * {@link io.step3vl.model.WeightLayout}.
 */
public enum ModelComponent {
    VISION, PROJECTOR, DECODER, OTHER;

    public static ModelComponent of(String tensorName) {
        String n = tensorName.startsWith("model.vision_model.") || tensorName.startsWith("model.vit_large_projector.")
                ? tensorName.substring("model.".length()) : tensorName;
        if (n.startsWith("vision_model.vit_downsampler")) {
            return PROJECTOR;
        }
        if (n.startsWith("vision_model.")) {
            return VISION;
        }
        if (n.startsWith("vit_large_projector.")) {
            return PROJECTOR;
        }
        if (n.startsWith("model.") || n.startsWith("lm_head.") || n.startsWith("language_model.")) {
            return DECODER;
        }
        return OTHER;
    }

    /** Lower-case name for tables and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
