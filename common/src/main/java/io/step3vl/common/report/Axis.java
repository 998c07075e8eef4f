package io.step3vl.common.report;

import java.util.ArrayList;
import java.util.List;

/** A linear axis range with "nice" tick values (1, 2, 5 × 10^k steps) covering the data. */
record Axis(double min, double max, List<Double> ticks) {

    /** An axis covering [lo, hi] with about {@code target} ticks; a degenerate range is widened. */
    static Axis nice(double lo, double hi, int target) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        List<Double> ticks = new ArrayList<>();
        // Index-based to avoid drift from repeated addition.
        long count = Math.round((end - start) / step);
        for (long i = 0; i <= count; i++) {
            double v = start + i * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return new Axis(start, end, List.copyOf(ticks));
    }

    /** A fixed range (e.g. accuracy 0..1) with nice ticks inside it. */
    static Axis fixed(double lo, double hi, int target) {
        Axis a = nice(lo, hi, target);
        List<Double> inside = new ArrayList<>();
        for (double t : a.ticks) {
            if (t >= lo - 1e-12 && t <= hi + 1e-12) {
                inside.add(t);
            }
        }
        return new Axis(lo, hi, List.copyOf(inside));
    }

    static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    /** Maps a data value to a pixel position between {@code p0} (at min) and {@code p1} (at max). */
    double scale(double v, double p0, double p1) {
        return p0 + (v - min) / (max - min) * (p1 - p0);
    }
}
