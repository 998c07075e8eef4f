package io.step3vl.model;

import ai.djl.ndarray.NDArray;

/**
 * The pixel views of a batch of images, laid out as the release's processor produces them
 * (architecture.md §5): one global view per image and that image's local crops, crops of all images
 * concatenated in image order.
 *
 * @param pixelValues      (images, 3, G, G) FP32 global views, CLIP-normalised
 * @param patchPixelValues (crops, 3, c, c) FP32 local crops, or null when no image has crops
 * @param numPatches       crops per image (length = images); they sum to the crop count
 */
public record ImageInputs(NDArray pixelValues, NDArray patchPixelValues, long[] numPatches) {
    public ImageInputs {
        numPatches = numPatches.clone();
    }

    @Override
    public long[] numPatches() {
        return numPatches.clone();
    }

    public int imageCount() {
        return numPatches.length;
    }

    public long cropCount() {
        long n = 0;
        for (long p : numPatches) {
            n += p;
        }
        return n;
    }
}
