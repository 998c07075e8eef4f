package io.step3vl.inference.http;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A token bucket on request starts that a server's 429s slow down. A 429 pauses every caller until
 * its Retry-After has passed (or an exponential pause without one) and halves the rate; each success
 * then raises it by 5% until the configured rate (or "unlimited") is back. With no configured rate,
 * the first 429 starts from half the rate measured over the last ten seconds. Thread-safe; waiting
 * happens outside the lock.
 */
final class RateLimiter {
    /** Never slower than one request per 20 s, so a run always makes progress. */
    static final double MIN_RATE = 0.05;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final double RECOVERY = 1.05;
    /** Above this an adaptive rate on an unlimited client is switched back to unlimited. */
    private static final double UNLIMITED_AGAIN = 1000;

    private final double configuredRate; // requests/s; +inf = unlimited
    private final int burst;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Ticker ticker;
    private final ArrayDeque<Long> recentStarts = new ArrayDeque<>();
    private double rate;
    private double tokens;
    private long lastRefill;
    private long pausedUntil;
    private int consecutive429;

    RateLimiter(double requestsPerSecond, int burst, Duration backoffBase, Duration backoffMax, Ticker ticker) {
        this.configuredRate = requestsPerSecond > 0 ? requestsPerSecond : Double.POSITIVE_INFINITY;
        this.burst = burst;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.ticker = ticker;
        this.rate = configuredRate;
        this.tokens = burst;
        this.lastRefill = ticker.nanoTime();
        this.pausedUntil = lastRefill;
    }

    /** Blocks until this caller may start a request. */
    void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = ticker.nanoTime();
                if (now - pausedUntil < 0) {
                    waitNanos = pausedUntil - now;
                } else {
                    refill(now);
                    if (Double.isInfinite(rate) || tokens >= 1) {
                        if (!Double.isInfinite(rate)) {
                            tokens -= 1;
                        }
                        recordStart(now);
                        return;
                    }
                    waitNanos = (long) Math.ceil((1 - tokens) / rate * 1e9);
                }
            }
            ticker.sleep(Duration.ofNanos(Math.max(1, waitNanos)));
        }
    }

    /** A 2xx arrived: the server is keeping up, so speed back up. */
    synchronized void onSuccess() {
        consecutive429 = 0;
        if (rate < configuredRate) {
            refill(ticker.nanoTime());
            rate = Math.min(configuredRate, rate * RECOVERY);
            if (Double.isInfinite(configuredRate) && rate > UNLIMITED_AGAIN) {
                rate = Double.POSITIVE_INFINITY;
            }
        }
    }

    /**
     * A 429 arrived: pause everyone for {@code retryAfter} (null: 1 s, 2 s, 4 s... per consecutive
     * 429, capped) and halve the rate. Returns the pause applied.
     */
    synchronized Duration onRateLimited(Duration retryAfter) {
        long now = ticker.nanoTime();
        consecutive429++;
        Duration pause = retryAfter != null ? retryAfter : exponential(consecutive429);
        long until = now + pause.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
        refill(now);
        double from = Double.isInfinite(rate) ? measuredRate(now) : rate;
        rate = Math.max(MIN_RATE, from / 2);
        tokens = Math.min(tokens, 0);
        lastRefill = pausedUntil; // tokens start coming again when the pause ends
        return pause;
    }

    /** The current rate in requests/s; infinite when unlimited. */
    synchronized double rate() {
        return rate;
    }

    private Duration exponential(int n) {
        long nanos = backoffBase.toNanos() << Math.min(20, n - 1);
        return Duration.ofNanos(Math.min(nanos, backoffMax.toNanos()));
    }

    private void refill(long now) {
        if (Double.isInfinite(rate)) {
            tokens = burst;
        } else if (now - lastRefill > 0) {
            double capacity = rate < configuredRate ? 1 : burst; // no bursts while slowed down
            tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * rate);
        }
        if (now - lastRefill > 0) {
            lastRefill = now;
        }
    }

    private void recordStart(long now) {
        recentStarts.addLast(now);
        while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() > WINDOW_NANOS) {
            recentStarts.removeFirst();
        }
    }

    private double measuredRate(long now) {
        while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() > WINDOW_NANOS) {
            recentStarts.removeFirst();
        }
        if (recentStarts.isEmpty()) {
            return 1;
        }
        double span = Math.max(1.0, (now - recentStarts.peekFirst()) / 1e9);
        return recentStarts.size() / span;
    }
}
