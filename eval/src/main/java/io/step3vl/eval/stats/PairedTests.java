package io.step3vl.eval.stats;

import java.util.SplittableRandom;

/**
 * Significance of the difference between two systems scored on the same items: McNemar's exact test
 * for 0/1 scores (only discordant pairs matter), the paired bootstrap for continuous ones.
 */
public final class PairedTests {
    private PairedTests() {}

    /**
     * Two-sided exact McNemar p-value: {@code b} items only A got right, {@code c} only B got right;
     * under the null each discordant item is a fair coin. {@code min(1, 2 * P(X <= min(b, c)))} with
     * X ~ Binomial(b + c, 1/2); 1 when there are no discordant items.
     */
    public static double mcnemarExact(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + b + ", " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        double[] logFact = new double[n + 1];
        for (int i = 2; i <= n; i++) {
            logFact[i] = logFact[i - 1] + Math.log(i);
        }
        // Sum of binomial probabilities in log space: exact for any n without overflow.
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logFact[n] - logFact[i] - logFact[n - i] - n * Math.log(2));
        }
        return Math.min(1.0, 2 * tail);
    }

    /** Paired bootstrap of the mean difference (B - A): its interval and a two-sided p-value. */
    public record PairedResult(double meanDelta, Bootstrap.Interval interval, double pValue) {}

    public static PairedResult pairedBootstrap(double[] a, double[] b, double level, int resamples, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
        }
        double observed = Bootstrap.mean(d);
        if (n == 0) {
            return new PairedResult(Double.NaN, new Bootstrap.Interval(Double.NaN, Double.NaN), 1.0);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int atOrBelowZero = 0;
        int atOrAboveZero = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[rnd.nextInt(n)];
            }
            means[r] = sum / n;
            if (means[r] <= 0) {
                atOrBelowZero++;
            }
            if (means[r] >= 0) {
                atOrAboveZero++;
            }
        }
        java.util.Arrays.sort(means);
        double alpha = (1 - level) / 2;
        // Two-sided: how often the resampled difference falls on the other side of zero, doubled.
        double p = Math.min(1.0, 2.0 * Math.min(atOrBelowZero, atOrAboveZero) / resamples);
        if (observed == 0 && allZero(d)) {
            p = 1.0;
        }
        return new PairedResult(observed, new Bootstrap.Interval(Percentiles.sorted(means, alpha),
                Percentiles.sorted(means, 1 - alpha)), p);
    }

    private static boolean allZero(double[] d) {
        for (double x : d) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
