package io.step3vl.checkpoint.archive;

import io.step3vl.common.Progress;

/** Turns byte counts into whole-MiB advances of a {@link Progress}. */
final class ProgressCounter {
    private static final long MIB = 1 << 20;
    private final Progress progress;
    private long pendingBytes;

    ProgressCounter(Progress progress) {
        this.progress = progress;
    }

    void add(long bytes) {
        pendingBytes += bytes;
        if (pendingBytes >= MIB) {
            progress.advance(pendingBytes / MIB, "");
            pendingBytes %= MIB;
        }
    }

    /** Rounds the last partial MiB up so the final line reads complete. */
    void finish() {
        if (pendingBytes > 0) {
            progress.advance(1, "");
            pendingBytes = 0;
        }
    }
}
