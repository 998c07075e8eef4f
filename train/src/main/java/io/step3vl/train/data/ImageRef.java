package io.step3vl.train.data;

import io.step3vl.inference.ImageData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * An image a sample refers to: either a file (read when the trainer needs the pixels, so a buffer
 * of samples holds paths, not pictures) or encoded bytes already in memory (a tar member or a
 * {@code data:} URL). {@code reference} is the text the record used. Width and height are known
 * when the reader checked the header, else 0.
 */
public final class ImageRef {
    private final String reference;
    private final Path file;
    private final byte[] bytes;
    private final int width;
    private final int height;

    private ImageRef(String reference, Path file, byte[] bytes, int width, int height) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.file = file;
        this.bytes = bytes;
        this.width = width;
        this.height = height;
    }

    public static ImageRef ofFile(String reference, Path file, int width, int height) {
        return new ImageRef(reference, Objects.requireNonNull(file, "file"), null, width, height);
    }

    public static ImageRef ofBytes(String reference, byte[] bytes, int width, int height) {
        return new ImageRef(reference, null, Objects.requireNonNull(bytes, "bytes"), width, height);
    }

    public String reference() {
        return reference;
    }

    /** The file, when the image lives in one. */
    public Path file() {
        return file;
    }

    public boolean inMemory() {
        return bytes != null;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The encoded bytes (PNG, JPEG, …), read from the file if need be. */
    public byte[] readBytes() {
        if (bytes != null) {
            return bytes.clone();
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    /** The decoded pixels. */
    public BufferedImage decode() {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(readBytes()));
            if (image == null) {
                throw new UncheckedIOException(new IOException("not a readable image: " + reference));
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode image " + reference + ": " + e.getMessage(), e);
        }
    }

    /** As the inference API's image (for rollouts of RL prompts), with a MIME type from the magic bytes. */
    public ImageData toImageData() {
        byte[] data = readBytes();
        return new ImageData(data, mimeType(data), reference);
    }

    static String mimeType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E') {
            return "image/webp";
        }
        if (b.length >= 3 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "image/bmp";
        }
        return "application/octet-stream";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef other && reference.equals(other.reference) && Objects.equals(file, other.file)
                && Arrays.equals(bytes, other.bytes) && width == other.width && height == other.height;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, file, Arrays.hashCode(bytes), width, height);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageRef[%s%s, %dx%d]", reference,
                bytes != null ? " (" + bytes.length + " bytes)" : "", width, height);
    }
}
