package io.step3vl.eval.score;

import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Average Normalised Levenshtein Similarity (DocVQA/ST-VQA): for each accepted answer,
 * {@code 1 - dist / max(len)} on lower-cased, whitespace-collapsed text, set to 0 below the
 * threshold {@code 1 - tau} (tau 0.5 by default); the best over accepted answers.
 */
public final class AnlsScorer implements Scorer {
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern TRAILING_STOP = java.util.regex.Pattern.compile("[.。]$");

    private final double tau;

    public AnlsScorer(double tau) {
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in (0, 1], got " + tau);
        }
        this.tau = tau;
    }

    public AnlsScorer() {
        this(0.5);
    }

    @Override
    public String name() {
        return "anls";
    }

    @Override
    public String rules() {
        return "anls: whole answer (or last answer cue), lower case, whitespace collapsed; 1 - levenshtein/max length, "
                + "0 when the normalised distance is >= " + tau + "; best over accepted answers; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public Score score(String answer, Reference reference) {
        String got = extract(answer, reference);
        if (got == null || got.isEmpty()) {
            return Score.unparsable("empty answer");
        }
        double best = 0;
        String bestGold = "";
        for (String gold : reference.answers()) {
            double s = similarity(got, normalize(gold), tau);
            if (s > best) {
                best = s;
                bestGold = gold;
            }
        }
        return new Score(best, got, best > 0 ? "ANLS " + String.format(Locale.ROOT, "%.3f", best) + " against '" + bestGold + "'"
                : "too far from " + String.join(" | ", reference.answers()));
    }

    @Override
    public String extract(String answer, Reference reference) {
        if (answer == null) {
            return null;
        }
        String text = TextPatterns.stripMarkdown(answer).strip();
        String cue = TextPatterns.afterLastCue(text);
        return normalize(cue != null ? cue : text);
    }

    /** ANLS similarity of two normalised strings. */
    static double similarity(String a, String b, double tau) {
        int max = Math.max(a.length(), b.length());
        if (max == 0) {
            return 1;
        }
        double nl = LEVENSHTEIN.apply(a, b) / (double) max;
        return nl < tau ? 1 - nl : 0;
    }

    static String normalize(String s) {
        return TRAILING_STOP.matcher(WHITESPACE.matcher(s.toLowerCase(Locale.ROOT).strip()).replaceAll(" ")).replaceAll("");
    }
}
