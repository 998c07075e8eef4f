/**
 * Byte-level BPE: learning merges from a corpus ({@link io.step3vl.tokenizer.bpe.BpeTrainer}), a
 * reference encoder for the learned model ({@link io.step3vl.tokenizer.bpe.BpeModel#encode}), and
 * writing the result as a Hugging Face tokenizer.json ({@link io.step3vl.tokenizer.bpe.TokenizerJsonWriter})
 * that the DJL loader reads like any checkpoint's. Pre-tokenization is Qwen3's (NFC, its split regex,
 * byte-level alphabet), so toy models exercise the same code path as the real one.
 */
package io.step3vl.tokenizer.bpe;
