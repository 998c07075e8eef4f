package io.step3vl.image;

import java.util.List;

/**
 * Several processed images stacked the way the model's image inputs are laid out (architecture.md §5.4):
 * global views {@code (images, 3, G, G)}, then all crops of all images in image order {@code (crops, 3, S,
 * S)}, with the crop count per image ({@code num_patches}) and the concatenated newline masks.
 *
 * @param globalPixels  (images, 3, globalSide, globalSide) float32
 * @param cropPixels    (totalCrops, 3, cropSide, cropSide) float32; empty when no image has crops
 * @param numPatches    (images) crops per image
 * @param newlineMask   (totalCrops) 1 where a {@code <patch_newline>} follows the crop
 * @param globalSide    side of the global views
 * @param cropSide      side of the crops
 */
public record ImageBatch(float[] globalPixels, float[] cropPixels, long[] numPatches, long[] newlineMask,
                         int globalSide, int cropSide) {

    /**
     * Stacks images processed by the same processor.
     *
     * @throws IllegalArgumentException if the list is empty or the view sizes differ
     */
    public static ImageBatch of(List<ProcessedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image batch needs at least one image");
        }
        ProcessedImage first = images.get(0);
        int globalSide = (int) first.globalShape()[2];
        int cropSide = (int) first.cropShape()[2];
        int totalCrops = 0;
        for (ProcessedImage image : images) {
            if (image.globalShape()[2] != globalSide || image.cropShape()[2] != cropSide) {
                throw new IllegalArgumentException("images of one batch must share view sizes");
            }
            totalCrops += image.numCrops();
        }
        int globalSize = 3 * globalSide * globalSide;
        int cropSize = 3 * cropSide * cropSide;
        float[] global = new float[images.size() * globalSize]; // (images, 3, G, G)
        float[] crops = new float[totalCrops * cropSize]; // (totalCrops, 3, S, S)
        long[] numPatches = new long[images.size()];
        long[] newline = new long[totalCrops];
        int crop = 0;
        for (int i = 0; i < images.size(); i++) {
            ProcessedImage image = images.get(i);
            System.arraycopy(image.globalPixels(), 0, global, i * globalSize, globalSize);
            System.arraycopy(image.cropPixels(), 0, crops, crop * cropSize, image.numCrops() * cropSize);
            System.arraycopy(image.newlineMask(), 0, newline, crop, image.numCrops());
            numPatches[i] = image.numCrops();
            crop += image.numCrops();
        }
        return new ImageBatch(global, crops, numPatches, newline, globalSide, cropSide);
    }

    public int imageCount() {
        return numPatches.length;
    }

    public int cropCount() {
        return newlineMask.length;
    }

    /** {@code {images, 3, G, G}}. */
    public long[] globalShape() {
        return new long[] {imageCount(), 3, globalSide, globalSide};
    }

    /** {@code {totalCrops, 3, S, S}}. */
    public long[] cropShape() {
        return new long[] {cropCount(), 3, cropSide, cropSide};
    }
}
