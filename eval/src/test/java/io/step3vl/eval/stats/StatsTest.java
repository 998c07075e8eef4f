package io.step3vl.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void mcnemarExactMatchesTheBinomialTail() {
        // 4 discordant pairs all one way: 2 * 0.5^4
        assertThat(PairedTests.mcnemarExact(4, 0)).isCloseTo(0.125, within(1e-15));
        // b=10, c=2: 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096
        assertThat(PairedTests.mcnemarExact(10, 2)).isCloseTo(158.0 / 4096, within(1e-12));
        assertThat(PairedTests.mcnemarExact(2, 10)).isEqualTo(PairedTests.mcnemarExact(10, 2));
        assertThat(PairedTests.mcnemarExact(5, 5)).isEqualTo(1.0);
        assertThat(PairedTests.mcnemarExact(0, 0)).isEqualTo(1.0);
        // large counts stay finite and tiny
        assertThat(PairedTests.mcnemarExact(5000, 4000)).isGreaterThan(0).isLessThan(1e-20);
    }

    @Test
    void bootstrapIntervalIsSeededAndCoversTheMean() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
        }
        double mean = Bootstrap.mean(v);
        Bootstrap.Interval ci = Bootstrap.meanInterval(v, 0.95, 2000, 42);
        assertThat(ci.lower()).isLessThan(mean);
        assertThat(ci.upper()).isGreaterThan(mean);
        // normal approximation: 2 * 1.96 * sqrt(p(1-p)/n) ~ 0.09
        double expected = 2 * 1.96 * Math.sqrt(mean * (1 - mean) / v.length);
        assertThat(ci.upper() - ci.lower()).isCloseTo(expected, within(0.012));
        assertThat(Bootstrap.meanInterval(v, 0.95, 2000, 42)).isEqualTo(ci);
        assertThat(Bootstrap.meanInterval(v, 0.95, 2000, 43)).isNotEqualTo(ci);
    }

    @Test
    void degenerateInputsHaveDegenerateIntervals() {
        assertThat(Bootstrap.meanInterval(new double[] {1, 1, 1}, 0.95, 100, 0)).isEqualTo(new Bootstrap.Interval(1, 1));
        assertThat(Bootstrap.meanInterval(new double[] {0.3}, 0.95, 100, 0)).isEqualTo(new Bootstrap.Interval(0.3, 0.3));
        assertThat(Bootstrap.meanInterval(new double[0], 0.95, 100, 0).lower()).isNaN();
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        double[] v = {4, 1, 3, 2};
        assertThat(Percentiles.of(v, 0.5)).isEqualTo(2.5);
        assertThat(Percentiles.of(v, 0.9)).isCloseTo(3.7, within(1e-12));
        assertThat(Percentiles.of(v, 0)).isEqualTo(1.0);
        assertThat(Percentiles.of(v, 1)).isEqualTo(4.0);
        assertThat(Percentiles.of(new double[0], 0.5)).isNaN();
    }

    @Test
    void pairedBootstrapSeesAShiftAndNotNoise() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 300;
        double[] a = new double[n];
        double[] same = new double[n];
        double[] better = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble();
            same[i] = a[i];
            better[i] = Math.min(1, a[i] + 0.1);
        }
        PairedTests.PairedResult none = PairedTests.pairedBootstrap(a, same, 0.95, 1000, 1);
        assertThat(none.meanDelta()).isZero();
        assertThat(none.pValue()).isEqualTo(1.0);
        PairedTests.PairedResult shift = PairedTests.pairedBootstrap(a, better, 0.95, 1000, 1);
        assertThat(shift.meanDelta()).isPositive();
        assertThat(shift.pValue()).isLessThan(0.01);
        assertThat(shift.interval().lower()).isPositive();
        PairedTests.PairedResult worse = PairedTests.pairedBootstrap(better, a, 0.95, 1000, 1);
        assertThat(worse.meanDelta()).isNegative();
        assertThat(worse.interval().upper()).isNegative();
    }
}
