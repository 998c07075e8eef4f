package io.step3vl.train.data.read;

import io.step3vl.train.data.ImageRef;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an image reference in a record into an {@link ImageRef}: a path relative to the JSONL file
 * (or absolute, or {@code file:} URL), a {@code data:} URL, or — inside a tar sample — a member
 * name ({@code key.png}) or extension ({@code png}). Remote URLs are refused: training never touches
 * the network.
 */
public abstract class ImageResolver {
    private final ImageCheck check;

    ImageResolver(ImageCheck check) {
        this.check = check;
    }

    /** References resolve against {@code baseDir} (the JSONL file's directory). */
    public static ImageResolver files(Path baseDir, ImageCheck check) {
        return new ImageResolver(check) {
            @Override
            ImageRef local(String reference) throws BadRecordException {
                Path file;
                try {
                    file = reference.startsWith("file:") ? Path.of(URI.create(reference)) : baseDir.resolve(reference);
                } catch (IllegalArgumentException e) { // InvalidPathException, bad URI
                    throw new BadRecordException("image '" + reference + "': not a valid path");
                }
                return checkFile(reference, file);
            }
        };
    }

    /** References name members of one tar sample. */
    public static ImageResolver members(String key, Map<String, byte[]> members, ImageCheck check) {
        return new ImageResolver(check) {
            @Override
            ImageRef local(String reference) throws BadRecordException {
                byte[] bytes = null;
                if (reference.startsWith(key + ".")) {
                    bytes = members.get(reference.substring(key.length() + 1));
                }
                if (bytes == null) {
                    bytes = members.get(reference);
                }
                if (bytes == null) {
                    throw new BadRecordException("image '" + reference + "' is not a member of sample " + key);
                }
                return checkBytes(reference, bytes);
            }
        };
    }

    public ImageRef resolve(String reference) throws BadRecordException {
        if (reference == null || reference.isBlank()) {
            throw new BadRecordException("empty image reference");
        }
        String lower = reference.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new BadRecordException("image '" + abbreviate(reference)
                    + "' is a remote URL; training reads local files only: download the images first");
        }
        if (lower.startsWith("data:")) {
            int comma = reference.indexOf(',');
            if (comma < 0 || !reference.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new BadRecordException("image data URL: expected data:<type>;base64,<data>");
            }
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(reference.substring(comma + 1));
                return checkBytes(abbreviate(reference), bytes);
            } catch (IllegalArgumentException e) {
                throw new BadRecordException("image data URL: invalid base64");
            }
        }
        return local(reference);
    }

    abstract ImageRef local(String reference) throws BadRecordException;

    ImageRef checkFile(String reference, Path file) throws BadRecordException {
        if (check == ImageCheck.NONE) {
            return ImageRef.ofFile(reference, file, 0, 0);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadRecordException("image '" + reference + "': no such file " + file);
        }
        if (check == ImageCheck.EXISTS) {
            return ImageRef.ofFile(reference, file, 0, 0);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            int[] size = inspect(reference, in);
            return ImageRef.ofFile(reference, file, size[0], size[1]);
        } catch (IOException e) {
            throw new BadRecordException("image '" + reference + "': unreadable: " + e.getMessage());
        }
    }

    ImageRef checkBytes(String reference, byte[] bytes) throws BadRecordException {
        if (check == ImageCheck.NONE || check == ImageCheck.EXISTS) {
            return ImageRef.ofBytes(reference, bytes, 0, 0);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            int[] size = inspect(reference, in);
            return ImageRef.ofBytes(reference, bytes, size[0], size[1]);
        } catch (IOException e) {
            throw new BadRecordException("image '" + reference + "': unreadable: " + e.getMessage());
        }
    }

    /** Width and height from the header, or from the decoded pixels under {@link ImageCheck#DECODE}. */
    private int[] inspect(String reference, ImageInputStream in) throws BadRecordException, IOException {
        if (in == null) {
            throw new BadRecordException("image '" + reference + "': cannot open");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new BadRecordException("image '" + reference + "': not an image in a supported format");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, check != ImageCheck.DECODE);
            if (check == ImageCheck.DECODE) {
                BufferedImage image = reader.read(0);
                return new int[] {image.getWidth(), image.getHeight()};
            }
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new BadRecordException("image '" + reference + "': empty image " + w + "x" + h);
            }
            return new int[] {w, h};
        } catch (IOException | RuntimeException e) {
            throw new BadRecordException("image '" + reference + "': unreadable: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
