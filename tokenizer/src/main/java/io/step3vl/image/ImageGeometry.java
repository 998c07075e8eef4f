package io.step3vl.image;

import io.step3vl.model.config.ModelConfig;

/**
 * The constants the multi-crop algorithm and the pixel transform are sized by (Contracts §3): the global
 * view side ({@code vision_config.image_size}: 728 real, 224 tiny), the crop side
 * ({@code sqrt(patch_token_len) * 4 * patch_size}: 504 real), the longest side kept before resizing
 * (3024) and the window boundary variant.
 *
 * @param globalSide side of the square global view in pixels
 * @param cropSide   side of each square local crop in pixels
 * @param maxSide    images with a longer side are scaled down to it first
 * @param boundary   {@code <=} (release) or {@code <} (current vLLM) in the window rule
 */
public record ImageGeometry(int globalSide, int cropSide, int maxSide, WindowBoundary boundary) {
    /** The release's longest-side cap (llama.cpp's converter cites {@code processing_step3.py}). */
    public static final int DEFAULT_MAX_SIDE = 3024;

    public ImageGeometry {
        if (globalSide <= 0 || cropSide <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("image geometry sides must be positive, got global "
                    + globalSide + ", crop " + cropSide + ", max " + maxSide);
        }
        if (boundary == null) {
            throw new IllegalArgumentException("window boundary must be given");
        }
    }

    /** The released STEP3-VL-10B: global 728, crops 504, cap 3024, {@code long <= 728}. */
    public static ImageGeometry release() {
        return new ImageGeometry(728, 504, DEFAULT_MAX_SIDE, WindowBoundary.INCLUSIVE);
    }

    /**
     * The geometry a model config implies: global side = {@code image_size}, crop side =
     * {@code sqrt(patch_token_len) * 4 * patch_size} (two stride-2 downsamplers after the patch embedding),
     * cap 3024, {@code <=} boundary.
     *
     * @throws IllegalArgumentException if {@code patchTokenLen} is not a positive perfect square
     */
    public static ImageGeometry fromVisionConfig(int imageSize, int patchSize, int patchTokenLen) {
        int perSide = (int) Math.round(Math.sqrt(patchTokenLen));
        if (patchTokenLen <= 0 || perSide * perSide != patchTokenLen) {
            throw new IllegalArgumentException("patch_token_len must be a positive square number, got "
                    + patchTokenLen);
        }
        return new ImageGeometry(imageSize, perSide * 4 * patchSize, DEFAULT_MAX_SIDE, WindowBoundary.INCLUSIVE);
    }

    /**
     * The geometry of a checkpoint: global side {@code vision_config.image_size}, crop side from
     * {@code patch_token_len}, the release's 3024 cap, {@code <=} boundary.
     */
    public static ImageGeometry fromModelConfig(ModelConfig config) {
        return new ImageGeometry(config.globalImageSize(), config.cropImageSize(), ModelConfig.MAX_IMAGE_SIDE,
                WindowBoundary.INCLUSIVE);
    }

    /** The same geometry with another window boundary. */
    public ImageGeometry withBoundary(WindowBoundary newBoundary) {
        return new ImageGeometry(globalSide, cropSide, maxSide, newBoundary);
    }
}
