package io.step3vl.eval.score;

import java.util.List;
import java.util.Locale;

/**
 * Grounding: the IoU of the answer's last box with the reference box (the best over several
 * reference boxes). Continuous ({@code threshold} null: the score is the IoU, the RL reward form) or
 * thresholded ({@code iou@0.5}: 1 when IoU ≥ threshold, the benchmark accuracy form). Answer boxes are
 * read in {@code answerFormat} (default {@link CoordinateFormat#AUTO}: 0–1000 integers, or 0–1
 * fractions, or pixels above 1000 when the image size is known); reference boxes in the reference's format.
 */
public final class BoxIouScorer implements Scorer {
    private final Double threshold;
    private final CoordinateFormat answerFormat;

    public BoxIouScorer(Double threshold, CoordinateFormat answerFormat) {
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
        this.answerFormat = answerFormat;
    }

    @Override
    public String name() {
        return threshold == null ? "iou" : "iou@" + trim(threshold);
    }

    @Override
    public String rules() {
        return name() + ": last box in the answer ([x1,y1,x2,y2], (x1,y1),(x2,y2), <box>) read as "
                + answerFormat.key() + ", reference as given; " + (threshold == null ? "score = IoU"
                : "1 when IoU >= " + trim(threshold)) + "; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return threshold != null;
    }

    @Override
    public Score score(String answer, Reference reference) {
        List<Geometry.Box> gold = goldBoxes(reference);
        if (gold.isEmpty()) {
            return Score.unparsable("reference '" + reference.answer() + "' holds no box"
                    + (reference.boxFormat() == CoordinateFormat.PIXEL && !reference.hasImageSize() ? " (pixel box without image size)" : ""));
        }
        Geometry.Box got = extractBox(answer, reference);
        if (got == null) {
            return Score.unparsable(answerFormat == CoordinateFormat.PIXEL && !reference.hasImageSize()
                    ? "pixel coordinates need the image size" : "no box found");
        }
        double best = 0;
        for (Geometry.Box g : gold) {
            best = Math.max(best, got.iou(g));
        }
        String reason = String.format(Locale.ROOT, "IoU %.3f", best);
        String shown = got.toNorm1000();
        if (threshold == null) {
            return new Score(best, shown, reason);
        }
        return best >= threshold ? Score.correct(shown, reason) : Score.wrong(shown, reason + " < " + trim(threshold));
    }

    @Override
    public String extract(String answer, Reference reference) {
        Geometry.Box b = extractBox(answer, reference);
        return b == null ? null : b.toNorm1000();
    }

    /** Votes for boxes agree when they overlap with IoU at least 0.5. */
    @Override
    public boolean sameAnswer(String a, String b, Reference reference) {
        if (a == null || b == null) {
            return false;
        }
        Geometry.Box ba = Geometry.lastBox(a, CoordinateFormat.NORM1000, 0, 0);
        Geometry.Box bb = Geometry.lastBox(b, CoordinateFormat.NORM1000, 0, 0);
        return ba != null && bb != null && ba.iou(bb) >= 0.5;
    }

    private Geometry.Box extractBox(String answer, Reference reference) {
        if (answer == null) {
            return null;
        }
        return Geometry.lastBox(answer, answerFormat, reference.imageWidth(), reference.imageHeight());
    }

    static List<Geometry.Box> goldBoxes(Reference reference) {
        List<Geometry.Box> out = new java.util.ArrayList<>();
        for (String a : reference.answers()) {
            out.addAll(Geometry.allBoxes(a, reference.boxFormat(), reference.imageWidth(), reference.imageHeight()));
        }
        return out;
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
