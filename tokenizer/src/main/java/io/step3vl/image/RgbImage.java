package io.step3vl.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB raster, pixels interleaved row-major ({@code R, G, B} per pixel, rows top to bottom): the
 * equivalent of a PIL image in mode {@code "RGB"}. The pixel array is owned by the image; treat it as
 * read-only once the image is built.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] pixels; // (height, width, 3) uint8

    /**
     * Wraps {@code pixels} (not copied).
     *
     * @throws IllegalArgumentException if the sizes are not positive or the array length is not
     *                                  {@code width * height * 3}
     */
    public RgbImage(int width, int height, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != pixels.length) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " bytes for "
                    + width + "x" + height + " RGB, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** A black image of the given size, as PIL's {@code Image.new("RGB", size)}. */
    public static RgbImage black(int width, int height) {
        long bytes = (long) width * height * 3;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image too large for one array: " + width + "x" + height);
        }
        return new RgbImage(width, height, new byte[(int) bytes]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, (height, width, 3) interleaved; not a copy. */
    public byte[] pixels() {
        return pixels;
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0–255. */
    public int sample(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /**
     * The box {@code (x, y, w, h)} of this image as a new image; pixels outside this image are black,
     * as PIL's {@code crop} does.
     */
    public RgbImage crop(int x, int y, int w, int h) {
        RgbImage out = black(w, h);
        int x0 = Math.max(x, 0);
        int x1 = Math.min(x + w, width);
        int y0 = Math.max(y, 0);
        int y1 = Math.min(y + h, height);
        if (x0 >= x1 || y0 >= y1) {
            return out;
        }
        int rowBytes = (x1 - x0) * 3;
        for (int sy = y0; sy < y1; sy++) {
            System.arraycopy(pixels, (sy * width + x0) * 3, out.pixels, ((sy - y) * w + (x0 - x)) * 3, rowBytes);
        }
        return out;
    }

    /** This image pasted at (0, 0) onto a black {@code w x h} canvas (PIL {@code paste}). */
    public RgbImage pasteOnBlack(int w, int h) {
        return crop(0, 0, w, h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && other.width == width && other.height == height
                && Arrays.equals(other.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
