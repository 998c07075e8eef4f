package io.step3vl.inference.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The image type from the first bytes (magic numbers), not from a file name or a declared type:
 * names lie, and a data URI's declared type is often wrong or generic.
 */
public final class ImageMime {
    private ImageMime() {}

    /** The MIME type of PNG, JPEG, GIF, WebP, BMP or TIFF bytes; empty for anything else. */
    public static Optional<String> sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        if (ascii(b, 0, "BM") && b.length >= 14) {
            return Optional.of("image/bmp");
        }
        if (startsWith(b, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of("image/tiff");
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (b.length < offset + m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (b[offset + i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, int... magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
