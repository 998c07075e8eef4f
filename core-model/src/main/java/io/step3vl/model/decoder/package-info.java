/**
 * The Qwen3 decoder (architecture.md §4) built for generation and training alike.
 *
 * <p>{@link io.step3vl.model.decoder.Qwen3Decoder#forward} takes embeddings, position ids, optional
 * segment ids and an optional {@link io.step3vl.model.decoder.KvCache}:
 * <ul>
 *   <li><b>Segments</b> ({@code (batch, seq)} INT64): tokens attend causally only to earlier tokens of
 *       the same segment; {@code -1} marks padding (never attended to). Packed training sequences
 *       give each sample its own id (and restart position ids per sample); padded batches give pads
 *       {@code -1} — left or right padding both work. {@code null} means one segment, no padding.</li>
 *   <li><b>KV cache</b>: each call appends the chunk's keys/values (after RoPE) at slots
 *       {@code [cache.length(), cache.length() + seq)} and attends to everything cached so far, so a
 *       long prompt can be prefilled in chunks of C tokens ({@link io.step3vl.model.decoder.Qwen3Decoder#prefill})
 *       without materialising an L×L attention matrix, then decoded one token per call.
 *       Causality is by cache slot, so every row of a batch writes the same slots; rows of
 *       different lengths are padded (segment -1) and use their own position ids.</li>
 *   <li><b>Autograd</b>: without a cache the same forward runs under DJL's GradientCollector with
 *       parameters that require gradients; intermediates are closed eagerly (PyTorch's autograd
 *       keeps its own references to what backward needs).</li>
 * </ul>
 */
package io.step3vl.model.decoder;
