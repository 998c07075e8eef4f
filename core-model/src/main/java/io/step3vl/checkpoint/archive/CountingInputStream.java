package io.step3vl.checkpoint.archive;

import io.step3vl.common.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports the bytes read from the underlying stream (the compressed archive) to a progress bar. */
final class CountingInputStream extends FilterInputStream {
    private final ProgressCounter counter;

    CountingInputStream(InputStream in, Progress progress) {
        super(in);
        this.counter = new ProgressCounter(progress);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counter.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counter.add(n);
        }
        return n;
    }

    /** Marks the rest of the last MiB as read. */
    void finish() {
        counter.finish();
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counter.add(skipped);
        return skipped;
    }
}
