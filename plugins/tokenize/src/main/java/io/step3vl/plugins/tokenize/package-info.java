/**
 * {@code step3vl tokenize} (text and conversations as the model sees them) and {@code step3vl
 * tokenizer train|toy} (byte-level BPE training, the toy tokenizer). Thin: flags become a request for
 * the tokenizer library, results are printed.
 */
package io.step3vl.plugins.tokenize;
