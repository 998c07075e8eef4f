package io.step3vl.generate;

/**
 * Sees tokens as they are generated (streaming) and may end a row early (stop strings are checked by
 * the caller, which has the tokenizer). Rows are numbered in request order, copies consecutive.
 */
public interface GenerationObserver {
    GenerationObserver NONE = (row, token, logprob) -> false;

    /** Called for every generated token; return true to stop this row after it. */
    boolean onToken(int row, int token, float logprob);
}
