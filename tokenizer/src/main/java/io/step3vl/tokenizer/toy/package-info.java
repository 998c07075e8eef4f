/**
 * The toy tokenizer of the {@code tiny} model preset (data-format contract §3): 512 ids, 256 byte
 * tokens, 240 BPE merges learned on shapes-world text, and the toolkit's 16 special tokens at
 * 496–511, with the ChatML chat template. {@link io.step3vl.tokenizer.toy.ToyTokenizer#writeTo} puts it
 * in a checkpoint directory; {@link io.step3vl.tokenizer.toy.ToolkitTokenizerWriter} writes any
 * trained byte-level model in the same layout ({@code step3vl tokenizer train}).
 */
package io.step3vl.tokenizer.toy;
