package io.step3vl.image;

/**
 * One image ready for the model: the global view, the local crops, their plan and the tokens its
 * placeholder expands to. Pixels are float32, planar, CLIP-normalised, channel order R, G, B.
 *
 * <p>The model encodes the crops and the global view separately and writes their features into the
 * {@code <im_patch>} rows of {@link #tokenIds()} in this order: crop 0, crop 1, ... (row-major), then the
 * global view; inside a view the features are row-major over its downsampled grid.
 */
public final class ProcessedImage {
    private final CropPlan plan;
    private final float[] globalPixels; // (1, 3, globalSide, globalSide)
    private final int globalSide;
    private final float[] cropPixels; // (numCrops, 3, cropSide, cropSide)
    private final int cropSide;
    private final int[] tokenIds; // (layout.count(plan))

    ProcessedImage(CropPlan plan, float[] globalPixels, int globalSide, float[] cropPixels, int cropSide,
                   int[] tokenIds) {
        this.plan = plan;
        this.globalPixels = globalPixels;
        this.globalSide = globalSide;
        this.cropPixels = cropPixels;
        this.cropSide = cropSide;
        this.tokenIds = tokenIds;
    }

    public CropPlan plan() {
        return plan;
    }

    /** The global view, {@code (1, 3, side, side)} row-major; not a copy. */
    public float[] globalPixels() {
        return globalPixels;
    }

    /** {@code {1, 3, side, side}}: the shape of {@link #globalPixels()} (the model's {@code pixel_values}). */
    public long[] globalShape() {
        return new long[] {1, 3, globalSide, globalSide};
    }

    /** The local crops, {@code (numCrops, 3, side, side)} row-major in crop order; empty without crops. */
    public float[] cropPixels() {
        return cropPixels;
    }

    /** {@code {numCrops, 3, side, side}}: the shape of {@link #cropPixels()} ({@code patch_pixel_values}). */
    public long[] cropShape() {
        return new long[] {plan.numCrops(), 3, cropSide, cropSide};
    }

    public int numCrops() {
        return plan.numCrops();
    }

    /** {@code {columns, rows}} of the crop grid; {@code {0, 0}} without crops. */
    public int[] grid() {
        return new int[] {plan.columns(), plan.rows()};
    }

    /** 1 where a {@code <patch_newline>} follows crop k ({@code patch_newline_mask}). */
    public long[] newlineMask() {
        return plan.newlineMask();
    }

    /** The ids one {@code <im_patch>} placeholder expands to for this image; not a copy. */
    public int[] tokenIds() {
        return tokenIds;
    }

    public int numTokens() {
        return tokenIds.length;
    }
}
