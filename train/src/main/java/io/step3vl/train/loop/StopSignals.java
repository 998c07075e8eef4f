package io.step3vl.train.loop;

import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT / SIGTERM during training: the handler only records the signal; the loop notices it at the
 * next step boundary, saves a checkpoint and returns, and the CLI exits 130 / 143. A second signal of
 * the same kind is not intercepted again, so a user can still force-quit.
 */
final class StopSignals implements AutoCloseable {
    private final AtomicReference<String> received = new AtomicReference<>();
    private final java.util.List<Runnable> restore = new java.util.ArrayList<>();

    StopSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                previous[0] = sun.misc.Signal.handle(signal, s -> {
                    received.compareAndSet(null, name);
                    sun.misc.Signal.handle(signal, previous[0]);
                });
                restore.add(() -> sun.misc.Signal.handle(signal, previous[0]));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // the platform (or the JVM's -Xrs) reserves this signal: a stop then kills the run, and
                // the last periodic checkpoint is where it resumes
            }
        }
    }

    /** "INT", "TERM", or null while no stop was asked for. */
    String received() {
        return received.get();
    }

    /** For tests and embedders: ask the loop to stop as if {@code name} had arrived. */
    void request(String name) {
        received.compareAndSet(null, name);
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
