package io.step3vl.common.report;

import java.util.Locale;

/** Escaping and number formatting shared by the report pieces. */
public final class Html {
    private Html() {}

    /** Escapes text for an HTML element body or a double-quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab/newline are invalid in HTML and SVG (XML).
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * A number for people: integers without a fraction, otherwise up to 4 significant digits,
     * scientific notation for very large or small magnitudes; NaN/infinity spelled out.
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (abs != 0 && (abs >= 1e6 || abs < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        String s = String.format(Locale.ROOT, "%.4g", value);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** A coordinate in SVG output: two decimals, no locale surprises. */
    static String coord(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
