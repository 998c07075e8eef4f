package io.step3vl.eval.data;

import java.util.Iterator;

/** Items read one at a time from an open file; close it when done (or on error). */
public interface ItemStream extends Iterator<EvalItem>, AutoCloseable {
    /** How many items the stream will yield (the limit applied), counted when it was opened. */
    int total();

    @Override
    void close();
}
