package io.step3vl.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.nn.Ops;

/**
 * The preprocessed pixels of one prompt's images as plain arrays (what the image processor makes),
 * turned into {@link ImageInputs} on a device when a forward pass needs them.
 *
 * @param global     (images, 3, G, G) flattened, CLIP-normalised
 * @param globalSide G
 * @param crops      (crops, 3, c, c) flattened; empty when no image has crops
 * @param cropSide   c
 * @param numPatches crops per image
 */
public record PixelBatch(float[] global, int globalSide, float[] crops, int cropSide, long[] numPatches) {
    public PixelBatch {
        long images = numPatches.length;
        if (global.length != images * 3L * globalSide * globalSide) {
            throw new IllegalArgumentException("global pixels: expected " + images + " x 3 x " + globalSide + "^2 values, got "
                    + global.length);
        }
        long cropCount = 0;
        for (long n : numPatches) {
            cropCount += n;
        }
        if (crops.length != cropCount * 3L * cropSide * cropSide) {
            throw new IllegalArgumentException("crop pixels: expected " + cropCount + " x 3 x " + cropSide + "^2 values, got "
                    + crops.length);
        }
    }

    public int imageCount() {
        return numPatches.length;
    }

    public ImageInputs toInputs(NDManager manager) {
        long images = numPatches.length;
        long cropCount = crops.length / (3L * cropSide * cropSide);
        return new ImageInputs(
                Ops.constant(manager, global, new Shape(images, 3, globalSide, globalSide)),
                cropCount == 0 ? null : Ops.constant(manager, crops, new Shape(cropCount, 3, cropSide, cropSide)),
                numPatches);
    }
}
