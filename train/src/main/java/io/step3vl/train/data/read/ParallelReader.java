package io.step3vl.train.data.read;

import io.step3vl.common.UserError;
import io.step3vl.train.data.ParallelPosition;
import io.step3vl.train.data.ReaderPosition;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Data-loader workers: {@code n} {@link DataReader}s, each on its own thread reading its shard
 * (worker {@code base.worker() * n + w} of {@code base.workers() * n}, so ranks and workers compose)
 * into a small bounded queue. Samples are taken round-robin (worker 0, 1, …), as PyTorch's loader
 * does, so the sequence is deterministic whatever the threads' timing; an exhausted worker drops
 * out of the rotation. Each queued sample carries its worker's position, so {@link #position()}
 * reflects what was consumed, not what was read ahead.
 */
public final class ParallelReader implements SampleStream {
    /** A worker's output: a sample (null at its end) with the worker's position after it, or a failure. */
    private record Item(Sample sample, ReaderPosition position, RuntimeException failure) {}

    private final List<BlockingQueue<Item>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<DataReader> readers = new ArrayList<>();
    private final List<ReaderPosition> positions = new ArrayList<>();
    private final boolean[] exhausted;
    private int turn;

    /**
     * @param prefetch samples each worker may read ahead
     * @param from     where to continue (null: from the start); must come from a reader with the same
     *                 files, options and worker count
     */
    public ParallelReader(List<DataFile> files, ReaderOptions base, int workers, int prefetch, BadRecords bad,
                          ParallelPosition from) {
        if (workers < 1) {
            throw new UserError("workers: expected at least 1, got " + workers);
        }
        if (prefetch < 1) {
            throw new UserError("prefetch: expected at least 1, got " + prefetch);
        }
        if (from != null && from.workers().size() != workers) {
            throw new UserError("data position: saved with " + from.workers().size() + " workers, now " + workers
                    + "; resume with the same number of data workers");
        }
        exhausted = new boolean[workers];
        turn = from == null ? 0 : from.turn();
        for (int w = 0; w < workers; w++) {
            ReaderOptions options = base.forWorker(base.worker() * workers + w, base.workers() * workers);
            DataReader reader = new DataReader(files, options, bad, from == null ? null : from.workers().get(w));
            readers.add(reader);
            positions.add(reader.position());
            exhausted[w] = from != null && from.exhausted().get(w);
            queues.add(new ArrayBlockingQueue<>(prefetch));
        }
        for (int w = 0; w < workers; w++) {
            if (!exhausted[w]) {
                int worker = w;
                Thread t = new Thread(() -> produce(readers.get(worker), queues.get(worker)),
                        "data-worker-" + w);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    private static void produce(DataReader reader, BlockingQueue<Item> queue) {
        try {
            while (true) {
                Sample s;
                try {
                    s = reader.next();
                } catch (CancellationException e) {
                    return; // closed while reading
                } catch (RuntimeException e) {
                    queue.put(new Item(null, null, e));
                    return;
                }
                queue.put(new Item(s, reader.position(), null));
                if (s == null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop quietly
        } finally {
            reader.close();
        }
    }

    @Override
    public Sample next() {
        int n = exhausted.length;
        while (true) {
            boolean any = false;
            for (boolean e : exhausted) {
                any |= !e;
            }
            if (!any) {
                return null;
            }
            int w = turn;
            if (exhausted[w]) {
                turn = (turn + 1) % n;
                continue;
            }
            Item item;
            try {
                item = queues.get(w).take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for data worker " + w, e);
            }
            if (item.failure() != null) {
                exhausted[w] = true;
                throw item.failure();
            }
            positions.set(w, item.position());
            turn = (turn + 1) % n;
            if (item.sample() == null) {
                exhausted[w] = true;
                continue;
            }
            return item.sample();
        }
    }

    @Override
    public ParallelPosition position() {
        List<Boolean> done = new ArrayList<>();
        for (boolean e : exhausted) {
            done.add(e);
        }
        return new ParallelPosition(positions, turn, done);
    }

    @Override
    public void close() {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
