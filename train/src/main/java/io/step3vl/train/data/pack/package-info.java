/**
 * From tokenised samples to training batches: the loss-mask rules (pre-training: every text token,
 * never image placeholders; SFT: assistant turns after the last user turn, reasoning included, role
 * header untrained, end-of-turn token trained), greedy non-truncating sequence packing with
 * position ids restarting per sample and a block-diagonal causal attention layout, and a packed
 * stream that resumes exactly.
 */
package io.step3vl.train.data.pack;
