package io.step3vl.image;

/**
 * How images are decoded.
 *
 * @param maxPixels       largest {@code width * height} accepted, checked from the header before any pixel
 *                        buffer is allocated (decompression bombs, forged headers)
 * @param alpha           what happens to an alpha channel
 * @param exifOrientation whether the EXIF orientation tag is applied (PIL {@code ImageOps.exif_transpose},
 *                        as the Hugging Face loader does)
 */
public record DecodeOptions(long maxPixels, AlphaMode alpha, boolean exifOrientation) {
    /**
     * Default pixel cap: Pillow's {@code MAX_IMAGE_PIXELS} (1024^3 / 4 / 3 = 89,478,485, about 9459 x 9459),
     * about 270 MB of RGB; images above it are refused rather than risk exhausting memory.
     */
    public static final long DEFAULT_MAX_PIXELS = 1024L * 1024 * 1024 / 4 / 3;

    public DecodeOptions {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (alpha == null) {
            throw new IllegalArgumentException("alpha mode must be given");
        }
    }

    /** The release's loader: alpha dropped, EXIF orientation applied, default pixel cap. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(DEFAULT_MAX_PIXELS, AlphaMode.DROP, true);
    }

    public DecodeOptions withMaxPixels(long newMaxPixels) {
        return new DecodeOptions(newMaxPixels, alpha, exifOrientation);
    }

    public DecodeOptions withAlpha(AlphaMode newAlpha) {
        return new DecodeOptions(maxPixels, newAlpha, exifOrientation);
    }

    public DecodeOptions withExifOrientation(boolean apply) {
        return new DecodeOptions(maxPixels, alpha, apply);
    }
}
