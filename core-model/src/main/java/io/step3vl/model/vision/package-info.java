/**
 * The vision tower (PE-lang as configured by STEP3-VL, architecture.md §2) and the projector (§3):
 * conv patch embedding, absolute position embedding (bilinearly resized for non-native grids),
 * ln_pre, residual blocks with 2D RoPE and LayerScale, then two stride-2 convolutions and a linear
 * map into the decoder's width.
 */
package io.step3vl.model.vision;
