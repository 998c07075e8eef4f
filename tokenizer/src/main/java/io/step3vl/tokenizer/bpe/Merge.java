package io.step3vl.tokenizer.bpe;

/** One learned merge: the pieces {@code left} and {@code right} (ids) become {@code result}. */
public record Merge(int left, int right, int result) {}
