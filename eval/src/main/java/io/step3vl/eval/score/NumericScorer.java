package io.step3vl.eval.score;

/**
 * Numeric answers within a tolerance: {@code |answer - reference| <= max(absTol, relTol * |reference|)}.
 * The answer's number comes from the last {@code \boxed{}} (evaluated, so {@code \frac{3}{4}} works),
 * else the last answer cue, else a whole answer that is a number, else the last number in the text.
 * Thousands separators, fractions a/b, percent signs and units are read; known units convert
 * ({@code 50 mm} = {@code 5 cm}); units of different dimensions are wrong.
 */
public final class NumericScorer implements Scorer {
    private final double relTol;
    private final double absTol;

    public NumericScorer(double relTol, double absTol) {
        if (!(relTol >= 0) || !(absTol >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got rel " + relTol + ", abs " + absTol);
        }
        this.relTol = relTol;
        this.absTol = absTol;
    }

    /** Defaults: relative 1e-6, absolute 1e-9 (exact up to floating-point noise). */
    public NumericScorer() {
        this(1e-6, 1e-9);
    }

    @Override
    public String name() {
        return "numeric";
    }

    @Override
    public String rules() {
        return "numeric: last \\boxed{} > last answer cue > whole answer > last number; units converted; "
                + "|answer - ref| <= max(" + absTol + ", " + relTol + " * |ref|); reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public Score score(String answer, Reference reference) {
        Quantity got = extractQuantity(answer);
        if (got == null) {
            return Score.unparsable("no number found");
        }
        String shown = format(got);
        boolean anyGold = false;
        for (String goldText : reference.answers()) {
            Quantity gold = goldQuantity(goldText);
            if (gold == null) {
                continue;
            }
            anyGold = true;
            Double v = got.in(gold);
            if (v == null) {
                continue;
            }
            if (Math.abs(v - gold.value()) <= Math.max(absTol, relTol * Math.abs(gold.value()))) {
                return Score.correct(shown, "within tolerance of " + goldText);
            }
        }
        if (!anyGold) {
            return Score.unparsable("reference '" + reference.answer() + "' is not a number");
        }
        return Score.wrong(shown, "expected " + String.join(" | ", reference.answers()));
    }

    @Override
    public String extract(String answer, Reference reference) {
        Quantity q = extractQuantity(answer);
        return q == null ? null : format(q);
    }

    @Override
    public boolean sameAnswer(String a, String b, Reference reference) {
        if (a == null || b == null) {
            return false;
        }
        Quantity qa = Quantity.first(a);
        Quantity qb = Quantity.first(b);
        if (qa == null || qb == null) {
            return a.equals(b);
        }
        Double v = qa.in(qb);
        return v != null && Math.abs(v - qb.value()) <= Math.max(absTol, relTol * Math.abs(qb.value()));
    }

    static Quantity goldQuantity(String gold) {
        String boxed = TextPatterns.lastBoxed(gold);
        String text = boxed != null ? boxed : gold;
        java.util.List<Quantity> all = Quantity.all(text);
        if (all.size() == 1) {
            return all.get(0);
        }
        double latex = MathExpression.value(MathNormalizer.normalize(text));
        if (Double.isFinite(latex)) {
            return new Quantity(latex, "");
        }
        return all.isEmpty() ? null : all.get(0);
    }

    static Quantity extractQuantity(String answer) {
        if (answer == null) {
            return null;
        }
        String text = TextPatterns.stripMarkdown(answer).strip();
        String boxed = TextPatterns.lastBoxed(text);
        if (boxed != null) {
            Quantity q = fromSegment(boxed);
            if (q != null) {
                return q;
            }
        }
        String cue = TextPatterns.afterLastCue(text);
        if (cue != null) {
            Quantity q = fromSegment(cue);
            if (q != null) {
                return q;
            }
        }
        return Quantity.last(text);
    }

    /** A boxed or cued segment: a plain quantity, or a LaTeX expression such as \frac{3}{4}. */
    private static Quantity fromSegment(String segment) {
        String s = TextPatterns.unwrapLatex(segment);
        java.util.List<Quantity> all = Quantity.all(s);
        if (all.size() == 1) {
            return all.get(0);
        }
        double v = MathExpression.value(MathNormalizer.normalize(s));
        if (Double.isFinite(v)) {
            return new Quantity(v, "");
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static String format(Quantity q) {
        String n = q.value() == Math.rint(q.value()) && Math.abs(q.value()) < 1e15
                ? Long.toString((long) q.value()) : Double.toString(q.value());
        return q.unit().isEmpty() ? n : n + " " + q.unit();
    }
}
