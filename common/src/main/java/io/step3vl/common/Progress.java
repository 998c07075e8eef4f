package io.step3vl.common;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work: a redrawn bar with rate and ETA on a terminal, periodic plain lines
 * otherwise (nohup, CI, pipes), nothing when quiet. Written to stderr so stdout stays machine-readable.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("train", totalSteps, "step")) {
 *     for (...) { ...; p.advance(1, "loss 2.31  12.0k tok/s"); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** How output is shown; chosen once per process by the CLI from -q and the terminal. */
    public enum Mode { BAR, LINES, QUIET }

    private static volatile Mode defaultMode = System.console() != null ? Mode.BAR : Mode.LINES;
    private static volatile PrintStream defaultOut = System.err;

    private final String label;
    private final long total;
    private final String unit;
    private final Mode mode;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long startNanos;
    private final long lineIntervalNanos;
    private final long stallWarnNanos;
    private long done;
    /** Units already done when this process started (a resumed run): shown, but not counted in the rate. */
    private long resumedFrom;
    private long lastDrawNanos;
    private long lastDrawnDone = -1;
    private long lastAdvanceNanos;
    private boolean stallWarned;
    private String status = "";

    Progress(String label, long total, String unit, Mode mode, PrintStream out, LongSupplier clock,
             long lineIntervalNanos, long stallWarnNanos) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.mode = mode;
        this.out = out;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastAdvanceNanos = startNanos;
        this.lineIntervalNanos = lineIntervalNanos;
        this.stallWarnNanos = stallWarnNanos;
    }

    /** A progress reporter with the process-wide mode; {@code total <= 0} means unknown. */
    public static Progress start(String label, long total, String unit) {
        return new Progress(label, total, unit, defaultMode, defaultOut, System::nanoTime,
                10_000_000_000L, 300_000_000_000L);
    }

    /** Set by the CLI host: QUIET for -q, LINES when stderr is not a terminal. */
    public static void configure(Mode mode, PrintStream out) {
        defaultMode = mode;
        defaultOut = out;
    }

    public static Mode mode() {
        return defaultMode;
    }

    /** A resumed job starts at {@code done} units; they show in the count but not in the rate or ETA. */
    public synchronized void resumeAt(long alreadyDone) {
        done = alreadyDone;
        resumedFrom = alreadyDone;
    }

    /** Completed {@code n} more units; {@code status} is a short free-form tail (loss, tokens/s). */
    public synchronized void advance(long n, String status) {
        done += n;
        this.status = status == null ? "" : status;
        long now = clock.getAsLong();
        lastAdvanceNanos = now;
        stallWarned = false;
        draw(now, false);
    }

    /**
     * Called by long steps that have not advanced: warns once when nothing moved for the stall limit.
     */
    public synchronized void heartbeat() {
        long now = clock.getAsLong();
        if (!stallWarned && mode != Mode.QUIET && now - lastAdvanceNanos > stallWarnNanos) {
            stallWarned = true;
            clearBar();
            out.printf(Locale.ROOT, "%s: warning: no progress for %s (at %d/%s %s)%n", label,
                    formatDuration((now - lastAdvanceNanos) / 1e9), done, total > 0 ? total : "?", unit);
        }
    }

    public synchronized long done() {
        return done;
    }

    /** Units per second since start. */
    public synchronized double rate() {
        double secs = (clock.getAsLong() - startNanos) / 1e9;
        return secs <= 0 ? 0 : (done - resumedFrom) / secs;
    }

    private void draw(long now, boolean last) {
        if (mode == Mode.QUIET) {
            return;
        }
        if (mode == Mode.BAR) {
            if (!last && now - lastDrawNanos < 100_000_000L) {
                return;
            }
            lastDrawNanos = now;
            out.print("\r" + render(now) + "\u001b[K");
            if (last) {
                out.println();
            }
            out.flush();
        } else {
            boolean finished = total > 0 && done >= total;
            if (!last && now - lastDrawNanos < lineIntervalNanos && !finished) {
                return;
            }
            if (done == lastDrawnDone && (last || finished)) {
                return; // the closing line would repeat the one just printed
            }
            lastDrawNanos = now;
            lastDrawnDone = done;
            out.println(render(now));
        }
    }

    /** One status line: label, bar, count, rate, elapsed and ETA, then the caller's status. */
    String render(long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = (done - resumedFrom) / secs;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            double frac = Math.min(1.0, (double) done / total);
            int width = 24;
            int filled = (int) Math.round(frac * width);
            if (mode == Mode.BAR) {
                sb.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
            }
            sb.append(String.format(Locale.ROOT, "%d/%d %s %3.0f%%", done, total, unit, frac * 100));
        } else {
            sb.append(done).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, " | %s/s", formatRate(rate)));
        sb.append(" | ").append(formatDuration(secs));
        if (total > 0 && rate > 0 && done < total) {
            sb.append(" ETA ").append(formatDuration((total - done) / rate));
        }
        if (!status.isEmpty()) {
            sb.append(" | ").append(status);
        }
        return sb.toString();
    }

    private void clearBar() {
        if (mode == Mode.BAR) {
            out.print("\r\u001b[K");
        }
    }

    @Override
    public synchronized void close() {
        draw(clock.getAsLong(), true);
    }

    static String formatRate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, perSecond >= 10 ? "%.0f" : "%.2f", perSecond);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
