package io.step3vl.image;

/**
 * PIL's {@code Image.resize(size, BILINEAR)} on 8-bit RGB, reproduced value for value (Pillow
 * {@code Resample.c}): a triangle filter whose support widens with the downscale factor, weights normalised
 * in double and quantised to 22-bit fixed point, integer accumulation with rounding, horizontal pass first
 * (stored as uint8), then the vertical pass; a pass is skipped when its size does not change. The release
 * uses it for the longest-side cap and the crop canvas.
 */
public final class PilBilinear {
    /** Pillow's {@code PRECISION_BITS} for 8-bit images: 32 - 8 - 2. */
    static final int PRECISION_BITS = 22;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilBilinear() {}

    /**
     * Fixed-point taps of one axis: output {@code i} reads {@code count[i]} inputs from {@code start[i]} with
     * weights {@code weights[i * stride + j]}.
     */
    record Taps(int[] start, int[] count, int[] weights, int stride) {
    }

    /** Pillow's {@code precompute_coeffs} + {@code normalize_coeffs_8bpc} for the bilinear filter. */
    static Taps taps(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle filter's support is 1
        int stride = (int) Math.ceil(support) * 2 + 1;
        double inverse = 1.0 / filterScale;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * stride];
        double[] k = new double[stride];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int xmin = Math.max((int) (centre - support + 0.5), 0);
            int xmax = Math.min((int) (centre + support + 0.5), inSize) - xmin;
            double sum = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = triangle((x + xmin - centre + 0.5) * inverse);
                k[x] = w;
                sum += w;
            }
            for (int x = 0; x < xmax; x++) {
                double normalised = sum != 0.0 ? k[x] / sum : k[x];
                // weights are never negative for the triangle filter: round half up as Pillow does
                weights[i * stride + x] = (int) (0.5 + normalised * (1 << PRECISION_BITS));
            }
            start[i] = xmin;
            count[i] = xmax;
        }
        return new Taps(start, count, weights, stride);
    }

    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /** Resizes to {@code width x height}; returns {@code image} itself when the size is unchanged. */
    public static RgbImage resize(RgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        RgbImage out = image;
        if (width != out.width()) {
            out = horizontal(out, width);
        }
        if (height != out.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    private static RgbImage horizontal(RgbImage in, int outWidth) {
        Taps taps = taps(in.width(), outWidth);
        int inWidth = in.width();
        int height = in.height();
        byte[] src = in.pixels(); // (height, inWidth, 3)
        byte[] dst = new byte[outWidth * height * 3]; // (height, outWidth, 3)
        int[] start = taps.start();
        int[] count = taps.count();
        int[] weights = taps.weights();
        int stride = taps.stride();
        for (int y = 0; y < height; y++) {
            int rowIn = y * inWidth * 3;
            int rowOut = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int r = HALF;
                int g = HALF;
                int b = HALF;
                int p = rowIn + start[x] * 3;
                int wBase = x * stride;
                for (int j = 0, n = count[x]; j < n; j++, p += 3) {
                    int w = weights[wBase + j];
                    r += (src[p] & 0xFF) * w;
                    g += (src[p + 1] & 0xFF) * w;
                    b += (src[p + 2] & 0xFF) * w;
                }
                int q = rowOut + x * 3;
                dst[q] = clip8(r);
                dst[q + 1] = clip8(g);
                dst[q + 2] = clip8(b);
            }
        }
        return new RgbImage(outWidth, height, dst);
    }

    private static RgbImage vertical(RgbImage in, int outHeight) {
        Taps taps = taps(in.height(), outHeight);
        int rowLen = in.width() * 3;
        byte[] src = in.pixels(); // (inHeight, width, 3)
        byte[] dst = new byte[rowLen * outHeight]; // (outHeight, width, 3)
        int[] acc = new int[rowLen]; // (width * 3): one output row being accumulated
        int[] start = taps.start();
        int[] count = taps.count();
        int[] weights = taps.weights();
        int stride = taps.stride();
        for (int y = 0; y < outHeight; y++) {
            java.util.Arrays.fill(acc, HALF);
            // accumulate whole input rows so memory is read sequentially
            for (int j = 0, n = count[y]; j < n; j++) {
                int w = weights[y * stride + j];
                int rowIn = (start[y] + j) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += (src[rowIn + i] & 0xFF) * w;
                }
            }
            int rowOut = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                dst[rowOut + i] = clip8(acc[i]);
            }
        }
        return new RgbImage(in.width(), outHeight, dst);
    }

    private static byte clip8(int fixedPoint) {
        int v = fixedPoint >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
