package io.step3vl.train.data.read;

import io.step3vl.common.UserError;

/**
 * How a reader walks its files. Build with {@link #builder()}; defaults in {@link Builder}.
 *
 * @param source         a name for the data (shown in logs and on samples' origins)
 * @param seed           shuffles files per epoch and records in the buffer
 * @param shuffleBuffer  records held for shuffling; 0 or 1 reads in file order
 * @param shuffleFiles   shuffle the file order each epoch
 * @param worker         this worker's index in [0, workers)
 * @param workers        how many workers share the data
 * @param shardBy        how the data is split between workers
 * @param epochs         passes over the data; 0 repeats forever
 * @param kind           what records must be
 * @param imageCheck     how much each image is checked while reading
 * @param maxRecordBytes longest JSONL line or tar member accepted (memory bound)
 */
public record ReaderOptions(String source, long seed, int shuffleBuffer, boolean shuffleFiles, int worker,
                            int workers, ShardBy shardBy, int epochs, SampleKind kind, ImageCheck imageCheck,
                            int maxRecordBytes) {
    public ReaderOptions {
        if (shuffleBuffer < 0) {
            throw new UserError("shuffle-buffer: expected 0 or more records, got " + shuffleBuffer);
        }
        if (workers < 1 || worker < 0 || worker >= workers) {
            throw new UserError("workers: expected worker index in [0, " + workers + "), got " + worker);
        }
        if (epochs < 0) {
            throw new UserError("epochs: expected 0 (forever) or more, got " + epochs);
        }
        if (maxRecordBytes < 1024) {
            throw new UserError("max-record-bytes: expected at least 1024, got " + maxRecordBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same options for worker {@code w} of {@code n}. */
    public ReaderOptions forWorker(int w, int n) {
        return new ReaderOptions(source, seed, shuffleBuffer, shuffleFiles, w, n, shardBy, epochs, kind, imageCheck,
                maxRecordBytes);
    }

    public Builder toBuilder() {
        return new Builder().source(source).seed(seed).shuffleBuffer(shuffleBuffer).shuffleFiles(shuffleFiles)
                .worker(worker, workers).shardBy(shardBy).epochs(epochs).kind(kind).imageCheck(imageCheck)
                .maxRecordBytes(maxRecordBytes);
    }

    /**
     * Defaults: source "data", seed 0, a 1000-record shuffle buffer, shuffled file order, one
     * worker sharding by record, one epoch, any record kind, header-checked images, 64 MiB records.
     */
    public static final class Builder {
        private String source = "data";
        private long seed;
        private int shuffleBuffer = 1000;
        private boolean shuffleFiles = true;
        private int worker;
        private int workers = 1;
        private ShardBy shardBy = ShardBy.RECORD;
        private int epochs = 1;
        private SampleKind kind = SampleKind.ANY;
        private ImageCheck imageCheck = ImageCheck.HEADER;
        private int maxRecordBytes = 64 << 20;

        public Builder source(String v) { source = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder shuffleBuffer(int v) { shuffleBuffer = v; return this; }
        public Builder shuffleFiles(boolean v) { shuffleFiles = v; return this; }
        public Builder worker(int index, int count) { worker = index; workers = count; return this; }
        public Builder shardBy(ShardBy v) { shardBy = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder kind(SampleKind v) { kind = v; return this; }
        public Builder imageCheck(ImageCheck v) { imageCheck = v; return this; }
        public Builder maxRecordBytes(int v) { maxRecordBytes = v; return this; }

        public ReaderOptions build() {
            return new ReaderOptions(source, seed, shuffleBuffer, shuffleFiles, worker, workers, shardBy, epochs, kind,
                    imageCheck, maxRecordBytes);
        }
    }
}
