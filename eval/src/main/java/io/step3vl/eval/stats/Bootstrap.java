package io.step3vl.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap of the mean (seeded, so the same scores always give the same interval). */
public final class Bootstrap {
    /** Resamples used by default: enough for stable 95% bounds at the third decimal. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private Bootstrap() {}

    /** A confidence interval {@code [lower, upper]}. */
    public record Interval(double lower, double upper) {
        public double[] toArray() {
            return new double[] {lower, upper};
        }
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The central {@code level} (e.g. 0.95) percentile interval of the resampled mean; a single
     * value's interval is that value; empty input gives NaNs.
     */
    public static Interval meanInterval(double[] values, double level, int resamples, long seed) {
        int n = values.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        if (n == 1 || allEqual(values)) {
            return new Interval(values[0], values[0]);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[rnd.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = (1 - level) / 2;
        return new Interval(Percentiles.sorted(means, alpha), Percentiles.sorted(means, 1 - alpha));
    }

    private static boolean allEqual(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
