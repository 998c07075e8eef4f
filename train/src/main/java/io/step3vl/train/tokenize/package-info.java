/**
 * Training samples to token ids with loss masks: the checkpoint's chat template renders conversations
 * (turn spans found by rendering growing prefixes), image placeholders are expanded into the release's
 * crop/global layout from each image's size, and the supervision rules of
 * {@link io.step3vl.train.data.pack.LossMasks} pick the trained tokens.
 */
package io.step3vl.train.tokenize;
