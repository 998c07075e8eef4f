package io.step3vl.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds image files in memory for decoder tests, including deliberately broken ones. */
final class ImageFiles {
    private ImageFiles() {}

    static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG at the given quality (0–1). */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A four-channel (CMYK-style) JPEG written from a raw raster. */
    static byte[] fourChannelJpeg(int w, int h) {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A GIF with one frame per image (first frame first). */
    static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** One PNG chunk: length, type, data, CRC over type + data. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A PNG whose IHDR claims {@code width x height} 8-bit RGB, with a tiny (wrong) IDAT and IEND. */
    static byte[] pngWithForgedHeader(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
        byte[] idat = {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}; // zlib of nothing
        return concat(PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", idat), pngChunk("IEND", new byte[0]));
    }

    /** The PNG with an eXIf chunk (big-endian TIFF with one IFD0 entry: orientation) inserted after IHDR. */
    static byte[] pngWithOrientation(byte[] png, int orientation) {
        byte[] tiff = tiffWithOrientation(orientation);
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        return concat(slice(png, 0, afterIhdr), pngChunk("eXIf", tiff), slice(png, afterIhdr, png.length));
    }

    /** The JPEG with an APP1 Exif segment carrying the orientation inserted after SOI. */
    static byte[] jpegWithOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = tiffWithOrientation(orientation);
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        byte[] app1 = ByteBuffer.allocate(4 + exifHeader.length + tiff.length).put((byte) 0xFF).put((byte) 0xE1)
                .putShort((short) length).put(exifHeader).put(tiff).array();
        return concat(slice(jpeg, 0, 2), app1, slice(jpeg, 2, jpeg.length));
    }

    /** A WebP with an {@code EXIF} RIFF chunk (optionally with the JPEG preamble) appended. */
    static byte[] webpWithOrientation(byte[] webp, int orientation, boolean jpegPreamble) {
        byte[] tiff = tiffWithOrientation(orientation);
        byte[] payload = jpegPreamble ? concat(new byte[] {'E', 'x', 'i', 'f', 0, 0}, tiff) : tiff;
        int padded = payload.length + (payload.length & 1);
        ByteBuffer chunk = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        byte[] out = concat(webp, chunk.array());
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return out;
    }

    static byte[] tiffWithOrientation(int orientation) {
        return ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN)
                .put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8) // header, IFD0 at 8
                .putShort((short) 1)                                             // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1)          // Orientation, SHORT, 1 value
                .putShort((short) orientation).putShort((short) 0)               // value, padding
                .putInt(0)                                                       // no next IFD
                .array();
    }

    /**
     * A lossless WebP (VP8L) with no transforms and "simple" prefix codes: red, blue, alpha and distance
     * have one symbol each (0 bits per pixel) and green two symbols {@code g0 < g1} (1 bit: 0 = g0).
     */
    static byte[] webpLossless(int width, int height, int red, int blue, int g0, int g1, boolean[] useG1) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // alpha_is_used hint
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        simpleCode(bits, g0, g1);      // green (+ length prefixes)
        simpleCode(bits, red, -1);     // red
        simpleCode(bits, blue, -1);    // blue
        simpleCode(bits, 255, -1);     // alpha
        simpleCode(bits, 0, -1);       // distance
        for (boolean b : useG1) {
            bits.write(b ? 1 : 0, 1);
        }
        byte[] vp8l = bits.toBytes();
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put("VP8L".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8l.length).put(vp8l);
        return riff.array();
    }

    private static void simpleCode(BitWriter bits, int symbol0, int symbol1) {
        bits.write(1, 1);                        // simple code
        bits.write(symbol1 < 0 ? 0 : 1, 1);      // num_symbols - 1
        bits.write(1, 1);                        // first symbol uses 8 bits
        bits.write(symbol0, 8);
        if (symbol1 >= 0) {
            bits.write(symbol1, 8);
        }
    }

    /** Least-significant-bit-first bit packing (VP8L order). */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >>> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toBytes() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }

    static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
