package io.step3vl.train.data.pack;

import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.StreamPosition;
import java.util.function.Function;

/**
 * Packs a sample stream: samples → {@code tokenizer} → {@link SequencePacker} → packs. Resumable:
 * {@link #position()} after a pack, given back (with a sample stream opened at its
 * {@code samples} position), continues with exactly the packs that would have come next.
 */
public final class PackedStream implements AutoCloseable {
    private final SampleStream samples;
    private final Function<Sample, TokenizedSample> tokenizer;
    private final SequencePacker packer;
    private PackedPosition resume;
    private boolean finished;

    /**
     * @param samples   the samples, opened at {@code from.samples()} when resuming
     * @param tokenizer renders and tokenises a sample with its loss mask; null drops it (counted)
     * @param from      the position to continue from, or null at the start
     */
    public PackedStream(SampleStream samples, Function<Sample, TokenizedSample> tokenizer, int maxLength,
                        boolean padToMax, int padId, PackedPosition from) {
        this.samples = samples;
        this.tokenizer = tokenizer;
        PackingStats stats = from == null ? PackingStats.ZERO : from.stats();
        this.packer = new SequencePacker(maxLength, padToMax, padId, stats);
        this.resume = new PackedPosition(samples.position(), stats);
    }

    /** The next pack, or null when the samples are exhausted and the last pack was returned. */
    public Pack next() {
        while (!finished) {
            StreamPosition before = samples.position();
            Sample sample = samples.next();
            if (sample == null) {
                finished = true;
                Pack last = packer.flush();
                resume = new PackedPosition(samples.position(), packer.stats());
                return last;
            }
            TokenizedSample t = tokenizer.apply(sample);
            if (t == null) {
                packer.countTokenizerDrop();
                continue;
            }
            Pack closed = packer.add(t);
            if (closed != null) {
                // the sample that did not fit opened the next pack: resume from just before it
                resume = new PackedPosition(packer.hasOpenPack() ? before : samples.position(), packer.stats());
                return closed;
            }
        }
        return null;
    }

    /** Where to resume after the last returned pack. */
    public PackedPosition position() {
        return resume;
    }

    public PackingStats stats() {
        return packer.stats();
    }

    @Override
    public void close() {
        samples.close();
    }
}
