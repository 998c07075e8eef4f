package io.step3vl.inference.local;

import io.step3vl.model.PixelBatch;

/**
 * A conversation as the model consumes it.
 *
 * @param text   the rendered chat text (one placeholder per image, before expansion)
 * @param ids    token ids with every image placeholder expanded into its crop/global layout
 * @param images the images' pixels in placeholder order, or null for a text-only prompt
 */
public record EncodedPrompt(String text, long[] ids, PixelBatch images) {}
