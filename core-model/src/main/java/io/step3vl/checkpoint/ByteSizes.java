package io.step3vl.checkpoint;

import java.util.Locale;

/** Byte counts for people, in decimal units as model sizes are quoted (20.34 GB). */
public final class ByteSizes {
    private ByteSizes() {}

    public static String format(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return n + " B";
    }
}
