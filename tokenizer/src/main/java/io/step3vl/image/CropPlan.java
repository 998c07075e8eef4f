package io.step3vl.image;

import java.util.List;

/**
 * The multi-crop bookkeeping for one image (the release's {@code ImagePatcher}), without pixels. Sizes are
 * (width, height). Without crops ({@link #window()} 0) the canvas and grid are 0 and the lists are empty.
 *
 * @param inputWidth    width of the decoded image
 * @param inputHeight   height of the decoded image
 * @param squarePadded  whether the image was pasted onto a black square first (tiny, elongated images)
 * @param paddedWidth   width after the optional square pad
 * @param paddedHeight  height after the optional square pad
 * @param resizedWidth  width after the longest-side cap: the base of the global view
 * @param resizedHeight height after the longest-side cap
 * @param window        side of each crop before it is resized to the crop side; 0 = no crops
 * @param canvasWidth   width the base is resized to before cutting crops (0 without crops)
 * @param canvasHeight  height of that canvas (0 without crops)
 * @param columns       crops per row (0 without crops)
 * @param rows          crop rows (0 without crops)
 * @param crops         boxes on the canvas in row-major order (y outer, x inner)
 * @param newlineAfter  per crop: whether a {@code <patch_newline>} follows it
 */
public record CropPlan(int inputWidth, int inputHeight, boolean squarePadded, int paddedWidth, int paddedHeight,
                       int resizedWidth, int resizedHeight, int window, int canvasWidth, int canvasHeight,
                       int columns, int rows, List<CropBox> crops, List<Boolean> newlineAfter) {

    public CropPlan {
        crops = List.copyOf(crops);
        newlineAfter = List.copyOf(newlineAfter);
        if (crops.size() != newlineAfter.size() || crops.size() != columns * rows) {
            throw new IllegalArgumentException("inconsistent crop plan: " + crops.size() + " boxes, "
                    + newlineAfter.size() + " newline flags, grid " + columns + "x" + rows);
        }
    }

    public boolean hasCrops() {
        return window > 0;
    }

    public int numCrops() {
        return crops.size();
    }

    /** How many {@code <patch_newline>} tokens the layout has (one per crop row but the last). */
    public int numNewlines() {
        int n = 0;
        for (boolean b : newlineAfter) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Whether the base image differs in size from the padded input (the longest-side cap applied). */
    public boolean capped() {
        return resizedWidth != paddedWidth || resizedHeight != paddedHeight;
    }

    /**
     * One line for people, e.g. {@code "1280x720: window 504, canvas 1512x1008, grid 3x2 = 6 crops, 1 newline"}
     * or {@code "640x480: global view only"}; a square pad or the longest-side cap is mentioned.
     */
    public String summary() {
        StringBuilder s = new StringBuilder().append(inputWidth).append('x').append(inputHeight).append(':');
        if (squarePadded) {
            s.append(" padded to ").append(paddedWidth).append('x').append(paddedHeight).append(',');
        }
        if (capped()) {
            s.append(" resized to ").append(resizedWidth).append('x').append(resizedHeight).append(',');
        }
        if (!hasCrops()) {
            return s.append(" global view only").toString();
        }
        int newlines = numNewlines();
        return s.append(" window ").append(window).append(", canvas ").append(canvasWidth).append('x')
                .append(canvasHeight).append(", grid ").append(columns).append('x').append(rows).append(" = ")
                .append(numCrops()).append(numCrops() == 1 ? " crop, " : " crops, ").append(newlines)
                .append(newlines == 1 ? " newline" : " newlines").toString();
    }

    /** The newline mask as 0/1 longs, the {@code patch_newline_mask} tensor the model reads. */
    public long[] newlineMask() {
        long[] mask = new long[newlineAfter.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = newlineAfter.get(i) ? 1 : 0;
        }
        return mask;
    }
}
