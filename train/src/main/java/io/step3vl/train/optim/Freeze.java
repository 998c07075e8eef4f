package io.step3vl.train.optim;

import io.step3vl.common.UserError;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Which components are frozen ({@code --freeze vision,projector,decoder}); the paper trains all. */
public enum Freeze {
    VISION, PROJECTOR, DECODER;

    /** Parses a comma-separated list; empty or "none" freezes nothing. */
    public static Set<Freeze> parse(String spec) {
        EnumSet<Freeze> set = EnumSet.noneOf(Freeze.class);
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
            return set;
        }
        for (String part : spec.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            try {
                set.add(Freeze.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new UserError("--freeze: unknown component '" + part.strip()
                        + "', expected a comma-separated subset of vision,projector,decoder");
            }
        }
        return set;
    }

    /**
     * The component a checkpoint tensor belongs to, by the release's names: {@code vision_model.*}
     * without the downsamplers is the encoder; the downsamplers and {@code vit_large_projector} are the
     * projector; everything else ({@code model.*}, {@code lm_head}) the decoder.
     */
    public static Freeze componentOf(String tensorName) {
        if (tensorName.startsWith("vision_model.vit_downsampler") || tensorName.startsWith("vit_large_projector")) {
            return PROJECTOR;
        }
        if (tensorName.startsWith("vision_model.")) {
            return VISION;
        }
        return DECODER;
    }

    public static boolean isFrozen(Set<Freeze> frozen, String tensorName) {
        return frozen.contains(componentOf(tensorName));
    }
}
