package io.step3vl.image;

/**
 * How the crop window rule compares the long side with the global view side (architecture.md §9 item 3).
 * The two variants differ only for images whose long side equals that side exactly (728 for the release):
 * a 728x728 image has no crops under {@link #INCLUSIVE} and 2x2 crops under {@link #EXCLUSIVE}.
 */
public enum WindowBoundary {
    /** {@code long <= 728}: the Hugging Face processor, SGLang and older vLLM; the default. */
    INCLUSIVE,
    /** {@code long < 728}: current vLLM. */
    EXCLUSIVE;

    /** Whether an image with this long side is "small" (gets the short-side window or no crops). */
    boolean isSmall(int longSide, int globalSide) {
        return this == INCLUSIVE ? longSide <= globalSide : longSide < globalSide;
    }
}
