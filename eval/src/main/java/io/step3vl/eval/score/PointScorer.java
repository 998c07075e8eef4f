package io.step3vl.eval.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pointing: the answer's last point (a box counts by its centre) against the reference, in unit
 * coordinates (0–1 of width and height). A reference box (also a pointing item's {@code metadata.bbox}):
 * the point must lie inside it, and the distance is to the box (0 inside); when a reference has a
 * box, its points are not used. A reference point alone: the Euclidean distance to it.
 * Thresholded ({@code point}): 1 inside the reference box, or within {@code threshold} of the
 * reference point. Continuous ({@code point-distance}, the RL reward form):
 * {@code max(0, 1 - distance / radius)}. The paper does not publish its shapes; these defaults are
 * the toolkit's (threshold 0.05, radius 0.2).
 */
public final class PointScorer implements Scorer {
    private final boolean continuous;
    private final double threshold;
    private final double radius;
    private final CoordinateFormat answerFormat;

    public PointScorer(boolean continuous, double threshold, double radius, CoordinateFormat answerFormat) {
        if (!(threshold >= 0) || !(radius > 0)) {
            throw new IllegalArgumentException("threshold must be >= 0 and radius > 0, got " + threshold + ", " + radius);
        }
        this.continuous = continuous;
        this.threshold = threshold;
        this.radius = radius;
        this.answerFormat = answerFormat;
    }

    @Override
    public String name() {
        return continuous ? "point-distance" : "point";
    }

    @Override
    public String rules() {
        return name() + ": last point in the answer ([x,y], (x,y), <point>; a box by its centre) read as " + answerFormat.key()
                + "; unit coordinates; " + (continuous ? "score = max(0, 1 - distance/" + radius + "), distance 0 inside a reference box"
                : "1 inside the reference box or within " + threshold + " of the reference point")
                + "; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return !continuous;
    }

    @Override
    public Score score(String answer, Reference reference) {
        List<Geometry.Box> goldBoxes = BoxIouScorer.goldBoxes(reference);
        List<Geometry.Point> goldPoints = goldBoxes.isEmpty() ? goldPoints(reference) : List.of();
        if (goldBoxes.isEmpty() && goldPoints.isEmpty()) {
            return Score.unparsable("reference '" + reference.answer() + "' holds no point or box");
        }
        Geometry.Point got = extractPoint(answer, reference);
        if (got == null) {
            return Score.unparsable("no point found");
        }
        double distance = Double.POSITIVE_INFINITY;
        boolean inside = false;
        for (Geometry.Box b : goldBoxes) {
            distance = Math.min(distance, b.distanceTo(got));
            inside |= b.contains(got);
        }
        for (Geometry.Point p : goldPoints) {
            distance = Math.min(distance, p.distanceTo(got));
        }
        String shown = got.toNorm1000();
        String reason = String.format(Locale.ROOT, "distance %.3f%s", distance, goldBoxes.isEmpty() ? "" : inside ? " (inside the box)" : " (outside the box)");
        if (continuous) {
            return new Score(Math.max(0, 1 - distance / radius), shown, reason);
        }
        boolean hit = goldBoxes.isEmpty() ? distance <= threshold : inside;
        return hit ? Score.correct(shown, reason) : Score.wrong(shown, reason);
    }

    @Override
    public String extract(String answer, Reference reference) {
        Geometry.Point p = extractPoint(answer, reference);
        return p == null ? null : p.toNorm1000();
    }

    /** Votes for points agree within the threshold distance. */
    @Override
    public boolean sameAnswer(String a, String b, Reference reference) {
        if (a == null || b == null) {
            return false;
        }
        Geometry.Point pa = first(a, CoordinateFormat.NORM1000, 0, 0);
        Geometry.Point pb = first(b, CoordinateFormat.NORM1000, 0, 0);
        return pa != null && pb != null && pa.distanceTo(pb) <= Math.max(threshold, 1e-9);
    }

    private Geometry.Point extractPoint(String answer, Reference reference) {
        if (answer == null) {
            return null;
        }
        List<double[]> raws = Geometry.rawPoints(answer);
        if (raws.isEmpty()) {
            return null;
        }
        return toPoint(raws.get(raws.size() - 1), answerFormat, reference.imageWidth(), reference.imageHeight());
    }

    private static Geometry.Point first(String text, CoordinateFormat f, int w, int h) {
        List<double[]> raws = Geometry.rawPoints(text);
        return raws.isEmpty() ? null : toPoint(raws.get(0), f, w, h);
    }

    private static Geometry.Point toPoint(double[] raw, CoordinateFormat format, int w, int h) {
        double[] u = Geometry.toUnit(raw, format, w, h);
        if (u == null) {
            return null;
        }
        return u.length == 4 ? Geometry.Box.ordered(u[0], u[1], u[2], u[3]).center() : new Geometry.Point(u[0], u[1]);
    }

    private static List<Geometry.Point> goldPoints(Reference reference) {
        List<Geometry.Point> out = new ArrayList<>();
        for (String a : reference.answers()) {
            for (double[] raw : Geometry.rawPoints(a)) {
                if (raw.length == 2) {
                    Geometry.Point p = toPoint(raw, reference.boxFormat(), reference.imageWidth(), reference.imageHeight());
                    if (p != null) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }
}
