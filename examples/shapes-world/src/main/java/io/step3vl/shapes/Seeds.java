package io.step3vl.shapes;

import java.util.SplittableRandom;

/**
 * Independent generators per (seed, split, index): each example is a pure function of its own
 * seed, so examples can be made in parallel and any one regenerated alone.
 */
public final class Seeds {
    private Seeds() {}

    public static SplittableRandom rng(long seed, String split, long index) {
        long h = mix(seed);
        h = mix(h ^ split.hashCode());
        h = mix(h + index);
        return new SplittableRandom(h);
    }

    /** The MurmurHash3 / SplitMix64 finaliser: a bijection that spreads nearby inputs apart. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
