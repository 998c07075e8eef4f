package io.step3vl.eval.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maths answers: the last {@code \boxed{}} (braces matched; unless {@code requireBoxed}, then the
 * last answer cue, a short whole answer, or the last number), {@link MathNormalizer} on both sides,
 * then equivalence: equal strings; or equal values (relative tolerance {@code relTol}) of
 * variable-free expressions ({@code \frac{1}{2}} = {@code 0.5} = {@code 2/4}); or, with variables,
 * equal values at several seeded random points ({@code 2x+1} = {@code 1+2x}). Tuples and intervals
 * compare element by element with the same brackets; equations compare both sides.
 */
public final class MathScorer implements Scorer {
    private static final Pattern LAST_NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?(?:/\\d+)?|-?\\.\\d+");
    private static final int SAMPLE_POINTS = 5;
    private static final Pattern TRAILING_STOP = Pattern.compile("[.。]$");

    private final boolean requireBoxed;
    private final double relTol;

    public MathScorer(boolean requireBoxed, double relTol) {
        if (!(relTol >= 0)) {
            throw new IllegalArgumentException("relTol must be >= 0, got " + relTol);
        }
        this.requireBoxed = requireBoxed;
        this.relTol = relTol;
    }

    public MathScorer() {
        this(false, 1e-6);
    }

    @Override
    public String name() {
        return "math";
    }

    @Override
    public String rules() {
        return "math: last \\boxed{} (brace-matched)" + (requireBoxed ? " required"
                : " > last answer cue > short whole answer > last number")
                + "; MATH-style normalisation; equal strings, or equal values (rel tol " + relTol
                + "), or equal at 5 random points when variables occur; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public Score score(String answer, Reference reference) {
        String extracted = extractRaw(answer);
        if (extracted == null) {
            return Score.unparsable(requireBoxed ? "no \\boxed{} answer" : "no answer found");
        }
        String norm = MathNormalizer.normalize(extracted);
        if (norm.isEmpty()) {
            return Score.unparsable("empty answer");
        }
        for (String gold : reference.answers()) {
            if (equivalent(norm, MathNormalizer.normalize(stripGoldBox(gold)))) {
                return Score.correct(norm, "equivalent to " + gold);
            }
        }
        return Score.wrong(norm, "not equivalent to " + String.join(" | ", reference.answers()));
    }

    @Override
    public String extract(String answer, Reference reference) {
        String raw = extractRaw(answer);
        return raw == null ? null : MathNormalizer.normalize(raw);
    }

    @Override
    public boolean sameAnswer(String a, String b, Reference reference) {
        return a != null && b != null && equivalent(a, b);
    }

    private static String stripGoldBox(String gold) {
        String boxed = TextPatterns.lastBoxed(gold);
        return boxed != null ? boxed : gold;
    }

    String extractRaw(String answer) {
        if (answer == null) {
            return null;
        }
        String text = TextPatterns.stripMarkdown(answer).strip();
        String boxed = TextPatterns.lastBoxed(text);
        if (boxed != null || requireBoxed) {
            return boxed;
        }
        String cue = TextPatterns.afterLastCue(text);
        if (cue != null) {
            return TRAILING_STOP.matcher(cue).replaceAll("");
        }
        if (!text.isEmpty() && text.length() <= 40 && !text.contains("\n")) {
            return text;
        }
        Matcher m = LAST_NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** Whether two normalised answers are the same mathematical object. */
    public boolean equivalent(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int eqA = a.indexOf('=');
        int eqB = b.indexOf('=');
        if (eqA >= 0 && eqB >= 0 && a.indexOf('=', eqA + 1) < 0 && b.indexOf('=', eqB + 1) < 0) {
            return equivalent(a.substring(0, eqA), b.substring(0, eqB))
                    && equivalent(a.substring(eqA + 1), b.substring(eqB + 1));
        }
        List<String> partsA = topLevelParts(a);
        List<String> partsB = topLevelParts(b);
        if (partsA.size() > 1 || partsB.size() > 1) {
            if (partsA.size() != partsB.size() || !sameBrackets(a, b)) {
                return false;
            }
            for (int i = 0; i < partsA.size(); i++) {
                if (!equivalent(partsA.get(i), partsB.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sameValue(stripOuter(a), stripOuter(b));
    }

    private boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        MathExpression.Parsed pa = MathExpression.parse(a);
        MathExpression.Parsed pb = MathExpression.parse(b);
        if (pa == null || pb == null) {
            return false;
        }
        TreeSet<Character> vars = new TreeSet<>(pa.variables());
        vars.addAll(pb.variables());
        if (vars.isEmpty()) {
            return close(pa.node().eval(Map.of()), pb.node().eval(Map.of()));
        }
        if (!pa.variables().equals(pb.variables())) {
            return false;
        }
        // Seeded by the text so a verdict never changes between runs.
        SplittableRandom rnd = new SplittableRandom(a.hashCode() * 31L + b.hashCode());
        int agreed = 0;
        for (int trial = 0; trial < SAMPLE_POINTS * 2 && agreed < SAMPLE_POINTS; trial++) {
            Map<Character, Double> point = new HashMap<>();
            for (char v : vars) {
                point.put(v, 0.5 + 2 * rnd.nextDouble());
            }
            double x = pa.node().eval(point);
            double y = pb.node().eval(point);
            if (Double.isNaN(x) && Double.isNaN(y)) {
                continue;
            }
            if (!close(x, y)) {
                return false;
            }
            agreed++;
        }
        return agreed >= 3;
    }

    private boolean close(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return false;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == y;
        }
        return Math.abs(x - y) <= relTol * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }

    /** Splits "(1,2)", "[0,1)", "1,2,3" at commas outside brackets; one part when there is no such comma. */
    static List<String> topLevelParts(String s) {
        String inner = stripOuter(s);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts;
    }

    /** Removes one pair of enclosing brackets when they enclose the whole string ((...), [...), \{...\}). */
    static String stripOuter(String s) {
        String t = s.replace("\\{", "{").replace("\\}", "}");
        if (t.length() >= 2 && "([{".indexOf(t.charAt(0)) >= 0 && ")]}".indexOf(t.charAt(t.length() - 1)) >= 0) {
            int depth = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]}".indexOf(c) >= 0) {
                    depth--;
                    if (depth == 0 && i < t.length() - 1) {
                        return t; // "(1)+(2)": the first bracket closes early
                    }
                }
            }
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static boolean sameBrackets(String a, String b) {
        char a0 = a.isEmpty() ? ' ' : a.charAt(0);
        char b0 = b.isEmpty() ? ' ' : b.charAt(0);
        char a1 = a.isEmpty() ? ' ' : a.charAt(a.length() - 1);
        char b1 = b.isEmpty() ? ' ' : b.charAt(b.length() - 1);
        boolean bracketedA = "([{".indexOf(a0) >= 0;
        boolean bracketedB = "([{".indexOf(b0) >= 0;
        if (!bracketedA || !bracketedB) {
            return true; // "1,2" against "(1,2)": only the elements matter
        }
        return a0 == b0 && a1 == b1;
    }
}
