package io.step3vl.eval.run;

import io.step3vl.common.UserError;
import java.util.Locale;

/** How best-of:K chooses among its samples. */
public enum Verifier {
    /** The sample whose extracted answer agrees with the most other samples (ties: the earliest). */
    SELF_CONSISTENCY,
    /** A judge model reads the question and the candidates' answers and picks one. */
    JUDGE,
    /** The first correct sample (knows the reference): reports pass@K, an upper bound, not a deployable method. */
    ORACLE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Verifier parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Verifier v : values()) {
            if (v.key().equals(t)) {
                return v;
            }
        }
        throw new UserError("--verifier: expected self-consistency, judge or oracle, got '" + text + "'");
    }
}
