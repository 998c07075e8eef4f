package io.step3vl.image;

/**
 * torchvision's {@code ToTensor} then {@code Normalize(mean, std)} on 8-bit samples, in float32 and in that
 * order: {@code ((float) u / 255f - mean[c]) / std[c]}. The result depends only on the channel and the
 * 8-bit value, so it is tabulated once (3 x 256 floats) and every pixel is a table lookup with exactly the
 * value the float32 arithmetic gives.
 */
public final class PixelNormalization {
    /** OpenAI CLIP mean, R G B (rounded to float32 as torch does). */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** OpenAI CLIP standard deviation, R G B. */
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final float[] mean; // (3)
    private final float[] std; // (3)
    private final float[] table; // (3, 256): normalised value per channel and uint8 level

    public PixelNormalization(float[] mean, float[] std) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.table = new float[3 * 256];
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0f)) {
                throw new IllegalArgumentException("std must be positive, got " + std[c]);
            }
            for (int u = 0; u < 256; u++) {
                float unit = (float) u / 255f;
                table[c * 256 + u] = (unit - mean[c]) / std[c];
            }
        }
    }

    /** The OpenAI CLIP constants the release uses. */
    public static PixelNormalization clip() {
        return new PixelNormalization(CLIP_MEAN, CLIP_STD);
    }

    /** The normalised value of 8-bit level {@code u} (0–255) in channel {@code c}. */
    public float value(int c, int u) {
        return table[c * 256 + u];
    }

    /** The lookup table, (3, 256); not a copy. */
    float[] table() {
        return table;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /**
     * Normalises a whole image into planar float32 {@code (3, height, width)} starting at {@code offset}
     * of {@code dst}.
     */
    public void toPlanes(RgbImage image, float[] dst, int offset) {
        toPlanes(image, new CropBox(0, 0, image.width(), image.height()), dst, offset);
    }

    /**
     * Normalises the box of {@code image} into planar float32 {@code (3, box.height, box.width)} at
     * {@code offset}; pixels of the box outside the image count as black (PIL {@code crop}), so a crop needs
     * no intermediate copy.
     */
    public void toPlanes(RgbImage image, CropBox box, float[] dst, int offset) {
        byte[] px = image.pixels(); // (height, width, 3)
        int w = box.width();
        int plane = w * box.height();
        int x0 = Math.max(box.x(), 0);
        int x1 = Math.min(box.x() + w, image.width());
        for (int row = 0; row < box.height(); row++) {
            int y = box.y() + row;
            int out = offset + row * w;
            if (y < 0 || y >= image.height() || x0 >= x1) {
                fillBlack(dst, out, 0, w, plane);
                continue;
            }
            fillBlack(dst, out, 0, x0 - box.x(), plane);
            fillBlack(dst, out, x1 - box.x(), w, plane);
            for (int x = x0, i = out + (x0 - box.x()), p = (y * image.width() + x0) * 3; x < x1; x++, i++, p += 3) {
                dst[i] = table[px[p] & 0xFF];
                dst[plane + i] = table[256 + (px[p + 1] & 0xFF)];
                dst[2 * plane + i] = table[512 + (px[p + 2] & 0xFF)];
            }
        }
    }

    private void fillBlack(float[] dst, int rowStart, int from, int to, int plane) {
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(dst, rowStart + c * plane + from, rowStart + c * plane + to, table[c * 256]);
        }
    }
}
