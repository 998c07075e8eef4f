package io.step3vl.image;

/** What happens to an alpha channel when an image is converted to RGB (architecture.md §5.2). */
public enum AlphaMode {
    /**
     * Drop alpha and keep the stored colour values, also under fully transparent pixels: PIL's
     * {@code convert("RGB")}, which the Hugging Face loader and SGLang use. The default.
     */
    DROP,
    /**
     * Composite over white with PIL's {@code paste(mask=alpha)} rounding, as vLLM's media loader does for
     * RGBA images (here applied to any image with alpha: RGBA, gray + alpha, palette with transparency).
     */
    COMPOSITE_ON_WHITE
}
