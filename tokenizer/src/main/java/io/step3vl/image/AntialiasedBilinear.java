package io.step3vl.image;

/**
 * torch's {@code F.interpolate(mode="bilinear", antialias=True, align_corners=False)} on float32 planes, as
 * torchvision's {@code Resize(antialias=True)} runs it on the normalised views (ATen
 * {@code UpSampleKernel.cpp}, separable AA path). Scale, centres and weights are computed in float32 with
 * the same float/double promotions as the C++ code; each output is {@code t0*w0 + t1*w1 + ...} accumulated
 * in float32. Width pass first, then height; a pass whose size does not change is skipped.
 */
public final class AntialiasedBilinear {
    private AntialiasedBilinear() {}

    /** Float taps of one axis, same layout as {@link PilBilinear.Taps}. */
    record Taps(int[] start, int[] count, float[] weights, int stride) {
    }

    /** ATen's {@code _compute_indices_min_size_weights_aa} for the bilinear filter, {@code scalar_t = float}. */
    static Taps taps(int inSize, int outSize) {
        float scale = (float) inSize / (float) outSize;
        float support = scale >= 1.0f ? scale : 1.0f; // (interp_size / 2) * scale, interp_size = 2
        float inverse = scale >= 1.0f ? (float) (1.0 / scale) : 1.0f;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        float[] weights = new float[outSize * stride];
        for (int i = 0; i < outSize; i++) {
            float centre = (float) (scale * (i + 0.5));
            long xmin = Math.max((long) ((double) (centre - support) + 0.5), 0L);
            long xsize = Math.min((long) ((double) (centre + support) + 0.5), inSize) - xmin;
            xsize = Math.max(0, Math.min(xsize, stride)); // ATen clips rounding overshoot
            float total = 0f;
            for (int j = 0; j < xsize; j++) {
                float offset = (float) (j + xmin) - centre; // int64 - float is a float subtraction in C++
                float w = triangle((float) (((double) offset + 0.5) * inverse));
                weights[i * stride + j] = w;
                total += w;
            }
            if (total != 0f) {
                for (int j = 0; j < xsize; j++) {
                    weights[i * stride + j] /= total;
                }
            }
            start[i] = (int) xmin;
            count[i] = (int) xsize;
        }
        return new Taps(start, count, weights, stride);
    }

    private static float triangle(float x) {
        float a = x < 0f ? -x : x;
        return a < 1.0f ? (float) (1.0 - a) : 0f;
    }

    /**
     * Normalises {@code image} and resizes it to {@code outWidth x outHeight}, writing planar float32
     * {@code (3, outHeight, outWidth)} into {@code dst} at {@code offset}. The first pass reads the 8-bit
     * pixels through the normalisation table, which gives the same values as normalising first.
     */
    public static void normalizeAndResize(RgbImage image, PixelNormalization norm, int outWidth, int outHeight,
                                          float[] dst, int offset) {
        int w = image.width();
        int h = image.height();
        if (w == outWidth && h == outHeight) {
            norm.toPlanes(image, dst, offset);
            return;
        }
        float[] planes; // (3, h, outWidth)
        if (w != outWidth) {
            planes = horizontalFromBytes(image, norm, outWidth);
        } else {
            planes = new float[3 * w * h];
            norm.toPlanes(image, planes, 0);
        }
        if (h != outHeight) {
            vertical(planes, 3, h, outWidth, outHeight, dst, offset);
        } else {
            System.arraycopy(planes, 0, dst, offset, planes.length);
        }
    }

    /** Resizes planar float32 {@code (channels, height, width)} to {@code (channels, outHeight, outWidth)}. */
    public static float[] resize(float[] planes, int channels, int height, int width, int outHeight, int outWidth) {
        float[] current = planes;
        if (width != outWidth) {
            current = horizontal(current, channels, height, width, outWidth);
        }
        if (height != outHeight) {
            float[] out = new float[channels * outHeight * outWidth];
            vertical(current, channels, height, outWidth, outHeight, out, 0);
            current = out;
        }
        return current == planes ? planes.clone() : current;
    }

    private static float[] horizontalFromBytes(RgbImage image, PixelNormalization norm, int outWidth) {
        Taps taps = taps(image.width(), outWidth);
        int w = image.width();
        int h = image.height();
        byte[] px = image.pixels(); // (h, w, 3)
        float[] table = norm.table(); // (3, 256)
        float[] out = new float[3 * h * outWidth]; // (3, h, outWidth)
        float[] row = new float[w]; // (w): one normalised input row of one channel
        for (int c = 0; c < 3; c++) {
            int tableBase = c * 256;
            for (int y = 0; y < h; y++) {
                int p = y * w * 3 + c;
                for (int x = 0; x < w; x++, p += 3) {
                    row[x] = table[tableBase + (px[p] & 0xFF)];
                }
                applyRow(taps, row, 0, out, (c * h + y) * outWidth, outWidth);
            }
        }
        return out;
    }

    private static float[] horizontal(float[] src, int channels, int h, int w, int outWidth) {
        Taps taps = taps(w, outWidth);
        float[] out = new float[channels * h * outWidth]; // (channels, h, outWidth)
        for (int r = 0; r < channels * h; r++) {
            applyRow(taps, src, r * w, out, r * outWidth, outWidth);
        }
        return out;
    }

    private static void applyRow(Taps taps, float[] src, int srcOffset, float[] dst, int dstOffset, int outWidth) {
        int[] start = taps.start();
        int[] count = taps.count();
        float[] weights = taps.weights();
        int stride = taps.stride();
        for (int x = 0; x < outWidth; x++) {
            int s = srcOffset + start[x];
            int wb = x * stride;
            float acc = src[s] * weights[wb];
            for (int j = 1, n = count[x]; j < n; j++) {
                acc += src[s + j] * weights[wb + j];
            }
            dst[dstOffset + x] = acc;
        }
    }

    /** Height pass, accumulating whole rows so memory is read sequentially; same per-value order as ATen. */
    private static void vertical(float[] src, int channels, int h, int w, int outHeight, float[] dst, int offset) {
        Taps taps = taps(h, outHeight);
        int[] start = taps.start();
        int[] count = taps.count();
        float[] weights = taps.weights();
        int stride = taps.stride();
        for (int c = 0; c < channels; c++) {
            int planeIn = c * h * w;
            int planeOut = offset + c * outHeight * w;
            for (int y = 0; y < outHeight; y++) {
                int out = planeOut + y * w;
                int first = planeIn + start[y] * w;
                float w0 = weights[y * stride];
                for (int x = 0; x < w; x++) {
                    dst[out + x] = src[first + x] * w0;
                }
                for (int j = 1, n = count[y]; j < n; j++) {
                    int rowIn = planeIn + (start[y] + j) * w;
                    float wj = weights[y * stride + j];
                    for (int x = 0; x < w; x++) {
                        dst[out + x] += src[rowIn + x] * wj;
                    }
                }
            }
        }
    }
}
