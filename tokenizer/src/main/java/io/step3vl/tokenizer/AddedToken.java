package io.step3vl.tokenizer;

/**
 * A token matched in raw text before normalisation and BPE (an entry of {@code added_tokens} in
 * tokenizer.json). {@code special} tokens are the ones {@code decode(ids, true)} drops; in Qwen3
 * {@code <|im_end|>} is special while {@code <think>} is not.
 */
public record AddedToken(long id, String content, boolean special) {}
