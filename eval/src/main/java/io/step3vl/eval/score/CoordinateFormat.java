package io.step3vl.eval.score;

import io.step3vl.common.UserError;
import java.util.Locale;

/**
 * How box and point coordinates are written. The toolkit's default (Contracts §4) is
 * {@link #NORM1000}: integers normalised to 0–1000 of the image width/height.
 */
public enum CoordinateFormat {
    /** 0–1000 of the image width/height (the documented default). */
    NORM1000,
    /** Pixels; needs the image size. */
    PIXEL,
    /** 0–1 fractions of the image width/height. */
    UNIT,
    /**
     * Guess per answer: fractions when every value is at most 1 and one has a decimal point, pixels
     * when a value exceeds 1000 and the image size is known, else 0–1000.
     */
    AUTO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CoordinateFormat parse(String text, String where) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "norm1000", "normalized", "normalised", "0-1000" -> {
                    return NORM1000;
                }
                case "pixel", "pixels", "px" -> {
                    return PIXEL;
                }
                case "unit", "0-1", "fraction" -> {
                    return UNIT;
                }
                case "auto" -> {
                    return AUTO;
                }
                default -> { }
            }
        }
        throw new UserError(where + ": expected norm1000|pixel|unit|auto, got '" + text + "'");
    }
}
