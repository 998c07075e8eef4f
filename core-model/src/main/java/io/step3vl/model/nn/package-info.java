/**
 * The handful of tensor operations both towers share (linear, convolution, LayerNorm, RMSNorm,
 * activations, rotary embeddings), each one or a few DJL calls, plus {@link io.step3vl.model.nn.Trace}
 * for capturing named intermediates. Activations are always the first operand, so results attach to
 * the caller's NDManager (DJL attaches an op's result to its first operand's manager), never to the
 * model's parameter manager.
 */
package io.step3vl.model.nn;
