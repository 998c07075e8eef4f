package io.step3vl.eval.score;

/**
 * A scorer's verdict: {@code value} in [0, 1] (1 = correct), the answer it extracted (null when none
 * could be found) and a short reason in words, so a report shows why an item was marked wrong.
 */
public record Score(double value, String extracted, String reason) {
    public Score {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + value);
        }
        reason = reason == null ? "" : reason;
    }

    public static Score correct(String extracted, String reason) {
        return new Score(1, extracted, reason);
    }

    public static Score wrong(String extracted, String reason) {
        return new Score(0, extracted, reason);
    }

    /** Nothing usable in the answer: scores 0 (the RL convention for unparsable output). */
    public static Score unparsable(String reason) {
        return new Score(0, null, reason);
    }

    /** Whether this counts as right: the full score for binary scorers, at least half for continuous ones. */
    public boolean isCorrect() {
        return value >= 0.5;
    }
}
