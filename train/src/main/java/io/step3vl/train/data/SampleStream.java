package io.step3vl.train.data;

/**
 * A stream of samples that can say exactly where it is. Opening a new stream of the same kind, over
 * the same data with the same options, at {@link #position()} yields exactly the samples this one
 * would have yielded next — across file, shard and epoch boundaries and through the shuffle buffer.
 */
public interface SampleStream extends AutoCloseable {
    /** The next sample, or null when the stream is finished (a finite number of epochs ran out). */
    Sample next();

    /** A snapshot of the current position; cheap enough to take before every {@link #next()}. */
    StreamPosition position();

    @Override
    void close();
}
