package io.step3vl.inference.pacore;

/**
 * Seeds derived from a run seed, so that every rollout and shuffle is reproducible on its own (a
 * rerun, a resumed batch, or the same run through another backend gives the same numbers).
 * SplitMix64 mixing; results are non-negative and below 2^53 so they survive any JSON reader.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    public static long derive(long seed, long... path) {
        long h = mix(seed);
        for (long p : path) {
            h = mix(h ^ mix(p + GOLDEN));
        }
        return h & ((1L << 53) - 1);
    }

    /** A stable seed for a string key (an item id) under a run seed. */
    public static long derive(long seed, String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return derive(seed, h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
