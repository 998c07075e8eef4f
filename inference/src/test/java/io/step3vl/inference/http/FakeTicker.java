package io.step3vl.inference.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Time that only moves when someone sleeps; every sleep is recorded. */
final class FakeTicker implements Ticker {
    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        synchronized (this) {
            now += d.toNanos();
        }
    }

    synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    Duration totalSlept() {
        return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
