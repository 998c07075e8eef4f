package io.step3vl.image;

import io.step3vl.common.UserError;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A decoded {@link BufferedImage} to 8-bit RGB the way PIL's {@code convert("RGB")} does it, reading the
 * raster's stored samples directly. {@code getRGB} or drawing onto an RGB canvas would be wrong twice: Java
 * colour-converts gray images (values move by tens of levels) and composites alpha.
 *
 * <ul>
 *   <li>RGB: the stored samples; RGBA: alpha dropped (or composited, see {@link AlphaMode});</li>
 *   <li>gray: replicated to three channels; palette: expanded through the palette;</li>
 *   <li>16-bit samples: the high byte (PIL's {@code RGB;16B} / {@code LA;16B} unpackers), except plain
 *       16-bit gray, which PIL opens as {@code I;16} and saturates at 255 when converting;</li>
 *   <li>fewer than 8 bits (BMP 5-6-5, 1/2/4-bit gray): scaled with {@code v * 255 / (2^bits - 1)}.</li>
 * </ul>
 */
final class RasterConversion {
    private static final int WHITE = 255;

    private RasterConversion() {}

    static RgbImage toRgb(BufferedImage image, AlphaMode alphaMode, String source) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)]; // (h, w, 3)
        if (cm instanceof IndexColorModel icm) {
            fromPalette(icm, raster, w, h, alphaMode, out);
        } else {
            int colour = cm.getNumColorComponents();
            if (colour != 1 && colour != 3) {
                throw UserError.at(source, "unsupported colour model with " + colour
                        + " colour components (expected RGB or grayscale, e.g. not CMYK)");
            }
            if (raster.getTransferType() == DataBuffer.TYPE_FLOAT || raster.getTransferType() == DataBuffer.TYPE_DOUBLE) {
                throw UserError.at(source, "unsupported floating-point image samples (expected 8 or 16 bits)");
            }
            boolean composite = alphaMode == AlphaMode.COMPOSITE_ON_WHITE && cm.hasAlpha();
            if (!fromBytesFast(raster, cm, colour, composite, out)) {
                fromSamples(raster, cm, w, h, colour, composite, out);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void fromPalette(IndexColorModel icm, Raster raster, int w, int h, AlphaMode alphaMode,
                                    byte[] out) {
        int size = icm.getMapSize();
        // PIL palettes have 256 entries, zero-filled past the stored ones
        byte[] reds = new byte[Math.max(size, 256)];
        byte[] greens = new byte[reds.length];
        byte[] blues = new byte[reds.length];
        byte[] alphas = new byte[reds.length];
        icm.getReds(reds);
        icm.getGreens(greens);
        icm.getBlues(blues);
        icm.getAlphas(alphas);
        boolean composite = alphaMode == AlphaMode.COMPOSITE_ON_WHITE && icm.hasAlpha();
        int[] row = new int[w]; // (w) palette indices
        int p = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++, p += 3) {
                int i = row[x] < reds.length ? row[x] : 0;
                int r = reds[i] & 0xFF;
                int g = greens[i] & 0xFF;
                int b = blues[i] & 0xFF;
                if (composite) {
                    int a = alphas[i] & 0xFF;
                    r = overWhite(r, a);
                    g = overWhite(g, a);
                    b = overWhite(b, a);
                }
                out[p] = (byte) r;
                out[p + 1] = (byte) g;
                out[p + 2] = (byte) b;
            }
        }
    }

    /** The common case (8-bit interleaved bytes: JPEG, most PNGs) straight from the data buffer. */
    private static boolean fromBytesFast(Raster raster, ColorModel cm, int colour, boolean composite, byte[] out) {
        if (!(raster.getSampleModel() instanceof ComponentSampleModel csm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1) {
            return false;
        }
        for (int b = 0; b < raster.getNumBands(); b++) {
            if (csm.getSampleSize(b) != 8) {
                return false;
            }
        }
        byte[] data = buffer.getData();
        int[] bandOffsets = csm.getBandOffsets();
        int[] banks = csm.getBankIndices();
        for (int bank : banks) {
            if (bank != 0) {
                return false;
            }
        }
        int pixelStride = csm.getPixelStride();
        int scanline = csm.getScanlineStride();
        // element index of pixel (minX, minY) without any band offset (added per band below)
        int base = buffer.getOffset() + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * pixelStride;
        int w = raster.getWidth();
        int h = raster.getHeight();
        int rOff = bandOffsets[0];
        int gOff = colour == 3 ? bandOffsets[1] : rOff;
        int bOff = colour == 3 ? bandOffsets[2] : rOff;
        int aOff = cm.hasAlpha() ? bandOffsets[colour] : -1;
        int p = 0;
        for (int y = 0; y < h; y++) {
            int q = base + y * scanline;
            for (int x = 0; x < w; x++, q += pixelStride, p += 3) {
                if (composite) {
                    int a = data[q + aOff] & 0xFF;
                    out[p] = (byte) overWhite(data[q + rOff] & 0xFF, a);
                    out[p + 1] = (byte) overWhite(data[q + gOff] & 0xFF, a);
                    out[p + 2] = (byte) overWhite(data[q + bOff] & 0xFF, a);
                } else {
                    out[p] = data[q + rOff];
                    out[p + 1] = data[q + gOff];
                    out[p + 2] = data[q + bOff];
                }
            }
        }
        return true;
    }

    /** Any other sample layout (16-bit, packed, sub-byte) through {@link Raster#getPixels}. */
    private static void fromSamples(Raster raster, ColorModel cm, int w, int h, int colour, boolean composite,
                                    byte[] out) {
        int bands = raster.getNumBands();
        int[] bits = new int[bands];
        for (int b = 0; b < bands; b++) {
            bits[b] = raster.getSampleModel().getSampleSize(b);
        }
        boolean saturate16 = colour == 1 && !cm.hasAlpha();
        int[] row = new int[w * bands]; // (w, bands)
        int p = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++, p += 3) {
                int s = x * bands;
                int r = to8(row[s], bits[0], saturate16);
                int g = colour == 3 ? to8(row[s + 1], bits[1], false) : r;
                int b = colour == 3 ? to8(row[s + 2], bits[2], false) : r;
                if (composite) {
                    int a = to8(row[s + colour], bits[colour], false);
                    r = overWhite(r, a);
                    g = overWhite(g, a);
                    b = overWhite(b, a);
                }
                out[p] = (byte) r;
                out[p + 1] = (byte) g;
                out[p + 2] = (byte) b;
            }
        }
    }

    private static int to8(int v, int bits, boolean saturate) {
        if (bits == 8) {
            return v & 0xFF;
        }
        if (bits > 8) {
            return saturate ? Math.min(v, 255) : v >>> (bits - 8);
        }
        return v * 255 / ((1 << bits) - 1);
    }

    /**
     * Colour {@code c} with alpha {@code a} over white, with PIL's {@code paste} blend: {@code DIV255(255 *
     * (255 - a) + c * a)}, {@code DIV255(v) = ((v + 128) >> 8 + v + 128) >> 8}.
     */
    static int overWhite(int c, int a) {
        int v = WHITE * (255 - a) + c * a + 128;
        return ((v >> 8) + v) >> 8;
    }
}
