package io.step3vl.inference.http;

import java.time.Duration;

/** Time and waiting, behind an interface so retry and rate-limit tests need not really wait. */
interface Ticker {
    long nanoTime();

    void sleep(Duration d) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        }
    };
}
