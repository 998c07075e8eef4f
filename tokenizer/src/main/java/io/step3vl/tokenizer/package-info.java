/**
 * Text tokenization for step3vl on the Hugging Face {@code tokenizers} library (through DJL's JNI
 * binding): a checkpoint's {@code tokenizer.json} (+ {@code tokenizer_config.json},
 * {@code added_tokens.json}) loaded with no truncation, no padding and no automatically added special
 * tokens; encode / batch encode / decode; a streaming decoder that never emits half a character; and
 * special-token lookup by content, so image markers such as {@code <im_patch>} always come from the
 * checkpoint. Entry point: {@link io.step3vl.tokenizer.TextTokenizer#load(java.nio.file.Path)}.
 *
 * <p>Sub-packages: {@code chat} renders conversations with the checkpoint's Jinja chat template,
 * {@code bpe} trains byte-level BPE merges and writes {@code tokenizer.json}, {@code toy} holds the
 * 512-token tokenizer of the {@code tiny} model preset.
 */
package io.step3vl.tokenizer;
