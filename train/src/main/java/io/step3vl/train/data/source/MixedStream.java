package io.step3vl.train.data.source;

import io.step3vl.common.UserError;
import io.step3vl.train.data.MixturePosition;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.SplitMix64;
import io.step3vl.train.data.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Mixes component streams by weight, counted in samples (StepFun's framework mixes domains by
 * samples x epochs). {@link Mode#INTERLEAVE} (the default) picks, each time, the component furthest
 * behind its share — deterministic, and every prefix is within one sample per component of the
 * exact ratio; {@link Mode#RANDOM} draws each sample's component with probability proportional to
 * its weight. The mixture ends when any component ends, so a finite source never skews the ratio.
 */
public final class MixedStream implements SampleStream {
    public enum Mode { INTERLEAVE, RANDOM }

    /** A named component and its weight (any positive scale: 9 and 1, or 0.9 and 0.1). */
    public record Component(String name, double weight, SampleStream stream) {
        public Component {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new UserError(name + ": weight: expected a positive number, got " + weight);
            }
        }
    }

    private final List<Component> components;
    private final Mode mode;
    private final double totalWeight;
    private final long[] drawn;
    private final SplitMix64 rng;
    private boolean finished;

    /**
     * @param from a position saved from an equal mixture (its components' own positions must already
     *             have been used to open {@code components}); null to start fresh
     */
    public MixedStream(List<Component> components, Mode mode, long seed, MixturePosition from) {
        if (components.isEmpty()) {
            throw new UserError("data: a mixture needs at least one source");
        }
        this.components = List.copyOf(components);
        this.mode = mode;
        double total = 0;
        for (Component c : components) {
            total += c.weight();
        }
        this.totalWeight = total;
        this.drawn = new long[components.size()];
        if (from == null) {
            this.rng = SplitMix64.of(seed, 0x3141L);
        } else {
            if (from.drawn().size() != components.size()) {
                throw new UserError("data position: saved for a mixture of " + from.drawn().size()
                        + " sources, now " + components.size());
            }
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = from.drawn().get(i);
            }
            this.rng = new SplitMix64(from.rngState());
        }
    }

    @Override
    public Sample next() {
        if (finished) {
            return null;
        }
        int i = mode == Mode.INTERLEAVE ? furthestBehind() : draw();
        Sample s = components.get(i).stream().next();
        if (s == null) {
            finished = true;
            return null;
        }
        drawn[i]++;
        return s;
    }

    /** The component whose count, after one more sample, would be smallest relative to its weight. */
    private int furthestBehind() {
        int best = 0;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < drawn.length; i++) {
            double score = (drawn[i] + 1) / components.get(i).weight();
            if (score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    private int draw() {
        double u = rng.nextDouble() * totalWeight;
        for (int i = 0; i < drawn.length; i++) {
            u -= components.get(i).weight();
            if (u < 0) {
                return i;
            }
        }
        return drawn.length - 1;
    }

    /** Samples drawn from each component so far, in component order. */
    public List<Long> drawn() {
        List<Long> out = new ArrayList<>();
        for (long d : drawn) {
            out.add(d);
        }
        return out;
    }

    /** Realised share of each component (0 before the first sample). */
    public List<Double> proportions() {
        long total = 0;
        for (long d : drawn) {
            total += d;
        }
        List<Double> out = new ArrayList<>();
        for (long d : drawn) {
            out.add(total == 0 ? 0.0 : (double) d / total);
        }
        return out;
    }

    public List<Component> components() {
        return components;
    }

    @Override
    public MixturePosition position() {
        List<StreamPosition> positions = new ArrayList<>();
        for (Component c : components) {
            positions.add(c.stream().position());
        }
        return new MixturePosition(positions, drawn(), rng.state());
    }

    @Override
    public void close() {
        for (Component c : components) {
            c.stream().close();
        }
    }
}
