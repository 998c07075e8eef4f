package io.step3vl.eval.score;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MATH-style answer normalisation (after Hendrycks et al.'s {@code strip_string}, the rules the
 * MATH benchmark and most RL maths rewards use), plus a few forms reasoning models write:
 * {@code \dfrac}/{@code \tfrac} → {@code \frac}, no {@code \left}/{@code \right}, no degrees,
 * dollars, percent signs or trailing unit text, {@code .5} → {@code 0.5}, {@code x = 5} → {@code 5},
 * {@code \sqrt3} → {@code \sqrt{3}}, {@code \frac12} → {@code \frac{1}{2}}, {@code 1/2} →
 * {@code \frac{1}{2}}, {@code 0.5} → {@code \frac{1}{2}}, {@code 1,000} → {@code 1000}, no spaces.
 */
public final class MathNormalizer {
    private static final Pattern TEXT_WRAPPER =
            Pattern.compile("\\\\(?:text|textbf|textit|mathrm|mathbf|mbox|operatorname)\\s*\\{([^{}]*)}");
    private static final Pattern TRAILING_UNIT_TEXT = Pattern.compile("\\\\(?:text|mbox)\\s*\\{\\s*[^{}]*}\\s*$");
    private static final Pattern NUMBER_THEN_WORD =
            Pattern.compile("^(-?\\d[\\d,]*(?:\\.\\d+)?)\\s*([a-zA-Z]{2,}(?:\\^?\\d)?)\\.?$");
    private static final Pattern TRAILING_DOT = Pattern.compile("\\.$");
    private static final Pattern THOUSANDS = Pattern.compile("^-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?$");
    private static final Pattern INT_FRACTION = Pattern.compile("^(-?)(\\d+)/(\\d+)$");
    private static final Pattern SINGLE_LETTER_IN_PARENS = Pattern.compile("^\\(([A-Za-z])\\)$");
    private static final java.util.Set<String> NOT_UNITS = java.util.Set.of("pi", "sqrt", "sin", "cos", "tan", "ln",
            "log", "exp", "i");

    private MathNormalizer() {}

    public static String normalize(String answer) {
        if (answer == null) {
            return "";
        }
        String s = answer.strip();
        s = s.replace("\n", "").replace("\\!", "").replace("\\,", "").replace("\\;", "").replace("\\:", "")
                .replace("\\ ", " ").replace("\\displaystyle", "");
        s = s.replace("\\\\", "\\");
        s = s.replace("tfrac", "frac").replace("dfrac", "frac");
        s = s.replace("\\left", "").replace("\\right", "");
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("°", "").replace("\\degree", "");
        s = s.replace("\\$", "").replace("$", "");
        Matcher units = TRAILING_UNIT_TEXT.matcher(s);
        if (units.find() && !s.substring(0, units.start()).isBlank()) {
            s = s.substring(0, units.start()); // "3\text{ cm}" → "3", but "\text{(C)}" stays
        }
        s = TEXT_WRAPPER.matcher(s).replaceAll("$1");
        s = s.replace("\\%", "").replace("%", "");
        s = s.strip();
        Matcher unit = NUMBER_THEN_WORD.matcher(s);
        if (unit.matches() && !NOT_UNITS.contains(unit.group(2).toLowerCase(java.util.Locale.ROOT))) {
            s = unit.group(1);
        }
        s = s.replace(" .", " 0.").replace("{.", "{0.");
        if (s.startsWith(".")) {
            s = "0" + s;
        }
        s = TRAILING_DOT.matcher(s).replaceAll("");
        // "x = 5", "k=3": keep the value when the left side is a short name.
        int eq = s.indexOf('=');
        if (eq >= 0 && s.indexOf('=', eq + 1) < 0 && s.substring(0, eq).strip().length() <= 2) {
            s = s.substring(eq + 1);
        }
        s = fixSqrt(s);
        s = s.replace(" ", "");
        s = fixFracs(s);
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        if (s.equals("0.5")) {
            s = "\\frac{1}{2}";
        }
        Matcher frac = INT_FRACTION.matcher(s);
        if (frac.matches()) {
            s = frac.group(1) + "\\frac{" + frac.group(2) + "}{" + frac.group(3) + "}";
        }
        Matcher letter = SINGLE_LETTER_IN_PARENS.matcher(s);
        if (letter.matches()) {
            s = letter.group(1);
        }
        return s;
    }

    /** {@code \sqrt3} → {@code \sqrt{3}}. */
    static String fixSqrt(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int at = s.indexOf("\\sqrt", i);
            if (at < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, at + 5);
            int j = at + 5;
            if (j < s.length() && s.charAt(j) != '{' && s.charAt(j) != '[' && !Character.isWhitespace(s.charAt(j))
                    && s.charAt(j) != '\\') {
                out.append('{').append(s.charAt(j)).append('}');
                j++;
            }
            i = j;
        }
        return out.toString();
    }

    /** {@code \frac12} → {@code \frac{1}{2}}, {@code \frac1{2}} → {@code \frac{1}{2}}, {@code \frac{1}2} → {@code \frac{1}{2}}. */
    static String fixFracs(String s) {
        String[] parts = s.split("\\\\frac", -1);
        if (parts.length == 1) {
            return s;
        }
        StringBuilder out = new StringBuilder(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            String p = parts[k];
            out.append("\\frac");
            if (p.isEmpty()) {
                continue;
            }
            if (p.charAt(0) == '{') {
                int close = matchBrace(p, 0);
                if (close < 0) {
                    out.append(p);
                    continue;
                }
                out.append(p, 0, close + 1);
                String rest = p.substring(close + 1);
                if (!rest.isEmpty() && rest.charAt(0) != '{') {
                    out.append('{').append(rest.charAt(0)).append('}').append(rest.substring(1));
                } else {
                    out.append(rest);
                }
            } else if (p.length() >= 2) {
                out.append('{').append(p.charAt(0)).append('}');
                String rest = p.substring(1);
                if (rest.charAt(0) != '{') {
                    out.append('{').append(rest.charAt(0)).append('}').append(rest.substring(1));
                } else {
                    out.append(rest);
                }
            } else {
                out.append(p);
            }
        }
        return out.toString();
    }

    private static int matchBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
