package io.step3vl.image;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The EXIF orientation tag (0x0112) and the transposition PIL's {@code ImageOps.exif_transpose} applies for
 * it: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90
 * counter-clockwise.
 *
 * <p>The EXIF block is located here (JPEG APP1, PNG {@code eXIf}, WebP {@code EXIF} chunk) with every length
 * checked against the file size, and only that block is parsed, by metadata-extractor's {@link ExifReader}
 * over a bounded byte array. metadata-extractor's whole-file readers are not used: they allocate whatever a
 * chunk header claims, so a 100-byte PNG claiming a 2 GB text chunk would cost 2 GB of heap.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    /** EXIF blocks are small (JPEG caps them at 64 KB); anything larger is not trusted. */
    private static final int MAX_EXIF_BYTES = 1 << 20;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EXIF_PREAMBLE = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {}

    /** Random access to a file or an in-memory image, every read bounds-checked. */
    private interface Source {
        long size() throws IOException;

        /** {@code length} bytes at {@code position}, or null if they are not all there. */
        byte[] read(long position, int length) throws IOException;
    }

    /** The orientation stored in the file, or 1 when absent, unreadable or out of range. */
    static int read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new Source() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public byte[] read(long position, int length) throws IOException {
                    if (position < 0 || length < 0 || position + length > channel.size()) {
                        return null;
                    }
                    ByteBuffer buffer = ByteBuffer.allocate(length);
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, position + buffer.position()) < 0) {
                            return null;
                        }
                    }
                    return buffer.array();
                }
            });
        } catch (IOException e) {
            return NORMAL;
        }
    }

    /** The orientation stored in these bytes, or 1. */
    static int read(byte[] data) {
        try {
            return read(new Source() {
                @Override
                public long size() {
                    return data.length;
                }

                @Override
                public byte[] read(long position, int length) {
                    if (position < 0 || length < 0 || position + length > data.length) {
                        return null;
                    }
                    return java.util.Arrays.copyOfRange(data, (int) position, (int) position + length);
                }
            });
        } catch (IOException e) {
            return NORMAL;
        }
    }

    private static int read(Source source) throws IOException {
        byte[] head = source.read(0, 12);
        if (head == null) {
            return NORMAL;
        }
        byte[] tiff;
        if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
            tiff = jpegExif(source);
        } else if (startsWith(head, 0, PNG_SIGNATURE)) {
            tiff = pngExif(source);
        } else if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            tiff = webpExif(source);
        } else {
            return NORMAL; // BMP and GIF carry no EXIF
        }
        return tiff == null ? NORMAL : orientation(tiff);
    }

    /** JPEG: the APP1 segment starting with {@code Exif\0\0}, before the first scan. */
    private static byte[] jpegExif(Source source) throws IOException {
        long at = 2;
        while (true) {
            byte[] marker = source.read(at, 4);
            if (marker == null || (marker[0] & 0xFF) != 0xFF) {
                return null;
            }
            int type = marker[1] & 0xFF;
            if (type == 0xD8 || (type >= 0xD0 && type <= 0xD7) || type == 0x01 || type == 0xFF) {
                at += type == 0xFF ? 1 : 2; // standalone markers and fill bytes carry no length
                continue;
            }
            if (type == 0xDA || type == 0xD9) {
                return null; // start of scan or end of image: no EXIF before the pixels
            }
            int length = ((marker[2] & 0xFF) << 8) | (marker[3] & 0xFF);
            if (length < 2) {
                return null;
            }
            if (type == 0xE1 && length >= 2 + EXIF_PREAMBLE.length) {
                byte[] payload = source.read(at + 4, length - 2);
                if (payload != null && startsWith(payload, 0, EXIF_PREAMBLE)) {
                    return java.util.Arrays.copyOfRange(payload, EXIF_PREAMBLE.length, payload.length);
                }
            }
            at += 2 + length;
        }
    }

    /** PNG: the {@code eXIf} chunk, wherever it is (Pillow also reads one after the image data). */
    private static byte[] pngExif(Source source) throws IOException {
        long at = PNG_SIGNATURE.length;
        long size = source.size();
        while (at + 8 <= size) {
            byte[] header = source.read(at, 8);
            long length = ByteBuffer.wrap(header).getInt() & 0xFFFFFFFFL;
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (at + 12 + length > size) {
                return null; // a chunk claiming more bytes than the file has: not trusted
            }
            if (type.equals("eXIf")) {
                return length <= MAX_EXIF_BYTES ? source.read(at + 8, (int) length) : null;
            }
            if (type.equals("IEND")) {
                return null;
            }
            at += 12 + length;
        }
        return null;
    }

    /** WebP: the RIFF {@code EXIF} chunk (some writers keep the JPEG {@code Exif\0\0} preamble). */
    private static byte[] webpExif(Source source) throws IOException {
        long at = 12;
        long size = source.size();
        while (at + 8 <= size) {
            byte[] header = source.read(at, 8);
            long length = ByteBuffer.wrap(header, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            String type = new String(header, 0, 4, StandardCharsets.ISO_8859_1);
            if (at + 8 + length > size) {
                return null;
            }
            if (type.equals("EXIF")) {
                if (length > MAX_EXIF_BYTES) {
                    return null;
                }
                byte[] payload = source.read(at + 8, (int) length);
                return startsWith(payload, 0, EXIF_PREAMBLE)
                        ? java.util.Arrays.copyOfRange(payload, EXIF_PREAMBLE.length, payload.length) : payload;
            }
            at += 8 + length + (length & 1); // chunks are padded to even sizes
        }
        return null;
    }

    /** Parses a TIFF-structured EXIF block with metadata-extractor and returns its IFD0 orientation. */
    private static int orientation(byte[] tiff) {
        try {
            Metadata metadata = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), metadata);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer value = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return value != null && value >= 1 && value <= 8 ? value : NORMAL;
        } catch (RuntimeException e) {
            // broken EXIF never stops decoding: PIL also ignores an unreadable EXIF block
            return NORMAL;
        }
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data == null || data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
