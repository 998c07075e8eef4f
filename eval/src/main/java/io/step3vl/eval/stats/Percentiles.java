package io.step3vl.eval.stats;

import java.util.Arrays;

/** Percentiles by linear interpolation between order statistics (NumPy's default). */
public final class Percentiles {
    private Percentiles() {}

    /** The {@code q}-quantile (0..1) of unsorted values; NaN for none. */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return sorted(s, q);
    }

    /** The {@code q}-quantile of already sorted values. */
    public static double sorted(double[] s, double q) {
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = Math.max(0, Math.min(1, q)) * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
