/**
 * Training data as typed samples: plain text, interleaved documents (text and image parts) and chat
 * conversations (SFT, or RL/eval prompts with their reference answer). Samples carry images as
 * references (a file, or bytes from a tar member), never tokens: the trainer tokenises them.
 *
 * <p>{@link io.step3vl.train.data.SampleStream} is the one streaming interface; every stream can
 * report a {@link io.step3vl.train.data.StreamPosition} that a new stream resumes from exactly.
 * Readers live in {@code .read}, ratio mixing in {@code .mix}, sequence packing and the loss-mask
 * rules in {@code .pack}.
 */
package io.step3vl.train.data;
