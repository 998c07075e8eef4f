package io.step3vl.eval.data;

import io.step3vl.common.UserError;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.image.ImageMime;
import io.step3vl.inference.image.ImageSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images of benchmark items: file paths relative to the item file, {@code data:} URIs and raw base64
 * (VLMEvalKit). Remote URLs are refused: evaluation never goes to the network on its own.
 */
final class ItemImages {
    private static final String[] EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"};

    private final ImageSources sources;

    ItemImages(Path baseDir) {
        this.sources = ImageSources.forUserInput(baseDir);
    }

    /** A path, {@code file:} or {@code data:} reference. */
    ImageData load(String ref, String where) {
        String lower = ref.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new UserError(where + ": image '" + abbreviate(ref) + "' is a URL; evaluation does not fetch "
                    + "remote images: download it and give a path relative to the data file");
        }
        try {
            return sources.load(ref);
        } catch (UserError e) {
            throw new UserError(where + ": " + e.getMessage(), e);
        }
    }

    /** Raw base64 (VLMEvalKit's image column). */
    ImageData fromBase64(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": image: expected base64 image bytes or a path, got '" + abbreviate(base64)
                    + "' (" + e.getMessage() + ")");
        }
        String mime = ImageMime.sniff(bytes).orElseThrow(() -> new UserError(where
                + ": image: the base64 data is not a PNG/JPEG/GIF/WebP/BMP/TIFF image"));
        return new ImageData(bytes, mime, where);
    }

    /** Whether a cell looks like a file name rather than base64 data. */
    static boolean looksLikePath(String cell) {
        String lower = cell.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:") || lower.startsWith("file:") || lower.startsWith("http://")
                || lower.startsWith("https://")) {
            return true;
        }
        if (lower.length() > 1024) {
            return false;
        }
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    /** Width and height from the image header, or null when the JDK cannot read this format. */
    static int[] size(ImageData image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
