package io.step3vl.train.data;

import java.util.List;

/**
 * The position of one data reader (one worker's shard of one source).
 *
 * @param fingerprint identifies the file list and every option that shapes the order; a position is
 *                    only valid for a reader with the same fingerprint
 * @param epoch       0-based epoch being read
 * @param slot        index into this epoch's file order of the file being read; equal to the file
 *                    count while the shuffle buffer drains at the end of the epoch
 * @param next        where the next unread raw record of that file is
 * @param rawIndex    raw records (good or bad, any worker's) seen so far this epoch, for record sharding
 * @param rngState    the shuffle generator's state
 * @param buffer      the shuffle buffer's records, slot by slot
 * @param epochSamples good samples read so far this epoch (an epoch with none means no usable data)
 * @param emitted     samples returned so far (all epochs)
 * @param badRecords  bad records this reader has counted (restored into the shared budget)
 * @param finished    whether the last epoch has been fully returned
 */
public record ReaderPosition(String fingerprint, int epoch, int slot, RecordLocation next, long rawIndex,
                             long rngState, List<RecordLocation> buffer, long epochSamples, long emitted, long badRecords,
                             boolean finished) implements StreamPosition {
    public ReaderPosition {
        buffer = List.copyOf(buffer);
    }
}
