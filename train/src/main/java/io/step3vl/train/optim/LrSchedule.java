package io.step3vl.train.optim;

import java.util.List;

/**
 * A learning rate as a function of progress. Progress is counted in optimiser steps or in trained
 * tokens (the paper splits its schedule by tokens); the counter is part of the trainer state, so a
 * resumed run continues on the same curve.
 */
public interface LrSchedule {

    /** What the schedule's horizon counts. */
    enum Unit { STEPS, TOKENS }

    /** Learning rate at {@code step} (0-based, the step about to run) after {@code tokens} trained tokens. */
    double lr(long step, long tokens);

    /** A one-line description for logs and the effective config. */
    String describe();

    /** Linear warm-up from 0 over {@code warmup} units, then {@code decay} from peak to {@code minLr}. */
    static LrSchedule warmupDecay(double peak, double minLr, long warmup, long total, Decay decay, Unit unit) {
        return new WarmupDecay(peak, minLr, warmup, total, decay, unit);
    }

    /**
     * The paper's pre-training schedule: phase 1 from {@code lr1Start} to {@code lr1End} over the first
     * {@code phase1Fraction} of the horizon, then phase 2 from {@code lr2Start} to {@code lr2End}
     * (paper: 5e-5 → 1e-5 over 900B tokens, then 1e-5 → 6e-6 over 300B; fraction 0.75). The curve
     * shape inside each phase is {@code decay} (linear unless told otherwise: the paper gives endpoints only).
     */
    static LrSchedule twoPhase(double lr1Start, double lr1End, double lr2Start, double lr2End,
                               double phase1Fraction, long warmup, long total, Decay decay, Unit unit) {
        long split = Math.round(total * phase1Fraction);
        return new Piecewise(List.of(
                new WarmupDecay(lr1Start, lr1End, warmup, split, decay, unit),
                new WarmupDecay(lr2Start, lr2End, 0, total - split, decay, unit)), List.of(split), unit);
    }

    /** Shape of the decay after warm-up. */
    enum Decay {
        CONSTANT, LINEAR, COSINE;

        double at(double peak, double floor, double fraction) {
            double f = Math.min(1, Math.max(0, fraction));
            return switch (this) {
                case CONSTANT -> peak;
                case LINEAR -> peak + (floor - peak) * f;
                case COSINE -> floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * f));
            };
        }
    }

    /** Warm-up then decay. */
    record WarmupDecay(double peak, double minLr, long warmup, long total, Decay decay, Unit unit)
            implements LrSchedule {
        public WarmupDecay {
            if (peak < 0 || minLr < 0) {
                throw new IllegalArgumentException("learning rates must be >= 0");
            }
            if (warmup < 0 || total <= 0 || warmup > total) {
                throw new IllegalArgumentException("need 0 <= warmup <= total and total > 0, got warmup "
                        + warmup + ", total " + total);
            }
        }

        @Override
        public double lr(long step, long tokens) {
            long t = unit == Unit.STEPS ? step : tokens;
            if (t < warmup) {
                return peak * (t + 1) / (double) warmup;
            }
            long span = total - warmup;
            return decay.at(peak, minLr, span == 0 ? 1 : (t - warmup) / (double) span);
        }

        @Override
        public String describe() {
            return String.format(java.util.Locale.ROOT, "warmup %d %s, %s %.3g -> %.3g over %d",
                    warmup, unit.name().toLowerCase(java.util.Locale.ROOT), decay.name().toLowerCase(java.util.Locale.ROOT),
                    peak, minLr, total);
        }
    }

    /** Consecutive schedules, each running on its own local counter. */
    record Piecewise(List<LrSchedule> parts, List<Long> boundaries, Unit unit) implements LrSchedule {
        @Override
        public double lr(long step, long tokens) {
            long t = unit == Unit.STEPS ? step : tokens;
            long offset = 0;
            for (int i = 0; i < boundaries.size(); i++) {
                if (t < boundaries.get(i)) {
                    return local(parts.get(i), t - offset);
                }
                offset = boundaries.get(i);
            }
            return local(parts.get(parts.size() - 1), t - offset);
        }

        private double local(LrSchedule part, long t) {
            return unit == Unit.STEPS ? part.lr(t, 0) : part.lr(0, t);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                sb.append(i == 0 ? "" : "; then ").append("phase ").append(i + 1).append(": ").append(parts.get(i).describe());
            }
            return sb.toString();
        }
    }
}
