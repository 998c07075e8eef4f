package io.step3vl.checkpoint;

import java.util.Locale;

/**
 * The parts of STEP3-VL by tensor-name prefix. Both the release's stored names
 * ({@code vision_model.*}, {@code vit_large_projector.*}, {@code model.*}, {@code lm_head.*}) and the
 * Transformers runtime names ({@code model.vision_model.*}, {@code model.language_model.*}, …) are
 * recognised (architecture.md §1.5–1.6).
 */
public enum ModelComponent {
    VISION, PROJECTOR, DECODER, OTHER;

    public static ModelComponent of(String tensorName) {
        String n = tensorName.startsWith("model.vision_model.") || tensorName.startsWith("model.vit_large_projector.")
                ? tensorName.substring("model.".length()) : tensorName;
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
