package io.step3vl.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation tag (0x0112) and the transposition PIL's {@code ImageOps.exif_transpose} applies for
 * it: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90
 * counter-clockwise. Read with metadata-extractor (JPEG APP1, PNG eXIf, WebP EXIF chunks).
 */
final class ExifOrientation {
    static final int NORMAL = 1;

    private ExifOrientation() {}

    /** The orientation stored in the file, or 1 when absent, unreadable or out of range. */
    static int read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            return NORMAL;
        }
    }

    /** The orientation stored in these bytes, or 1. */
    static int read(byte[] data) {
        return read(new ByteArrayInputStream(data));
    }

    private static int read(InputStream in) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(in);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null) {
                return NORMAL;
            }
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return value != null && value >= 1 && value <= 8 ? value : NORMAL;
        } catch (Exception e) {
            // broken metadata never stops decoding: PIL also ignores an unreadable EXIF block
            return NORMAL;
        }
    }

    /** Orientations 5–8 turn the image by 90 degrees, so width and height swap. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The image as it should be displayed; {@code image} itself for orientation 1. */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] src = image.pixels(); // (h, w, 3)
        byte[] dst = new byte[src.length]; // (outH, outW, 3)
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // FLIP_LEFT_RIGHT
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // ROTATE_180
                    case 4 -> { sx = x; sy = h - 1 - y; }          // FLIP_TOP_BOTTOM
                    case 5 -> { sx = y; sy = x; }                  // TRANSPOSE
                    case 6 -> { sx = y; sy = h - 1 - x; }          // ROTATE_270 (90 clockwise)
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // TRANSVERSE
                    default -> { sx = w - 1 - y; sy = x; }         // 8: ROTATE_90 (90 counter-clockwise)
                }
                int s = (sy * w + sx) * 3;
                int d = (y * outW + x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return new RgbImage(outW, outH, dst);
    }
}
