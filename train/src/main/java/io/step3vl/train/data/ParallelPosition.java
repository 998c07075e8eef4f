package io.step3vl.train.data;

import java.util.List;

/**
 * The position of a parallel reader: each worker's own position as of the last sample the consumer
 * took from it (not how far its thread has read ahead), whose turn is next, and which are done.
 */
public record ParallelPosition(List<ReaderPosition> workers, int turn, List<Boolean> exhausted)
        implements StreamPosition {
    public ParallelPosition {
        workers = List.copyOf(workers);
        exhausted = List.copyOf(exhausted);
    }
}
