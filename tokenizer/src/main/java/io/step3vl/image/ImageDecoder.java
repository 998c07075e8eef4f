package io.step3vl.image;

import io.step3vl.common.UserError;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Decodes PNG, JPEG, BMP, GIF (first frame) and WebP files into {@link RgbImage}s as the release's loader
 * does ({@code PIL.Image.open} → {@code exif_transpose} → {@code convert("RGB")}), defensively: the header
 * size is checked against {@link DecodeOptions#maxPixels()} before any pixel buffer exists, and truncated or
 * corrupt files, unknown formats and unsupported colour models become a {@link UserError} naming the source.
 *
 * <p>javax.imageio's JPEG decoder reproduces libjpeg's (PIL's) output exactly on the golden JPEGs; WebP
 * comes from the TwelveMonkeys plugin.
 */
public final class ImageDecoder {
    private static final String FORMATS = "PNG, JPEG, WebP, BMP or GIF";
    /** ImageIO format names (lower case) of the formats above. */
    private static final java.util.Set<String> SUPPORTED = java.util.Set.of("png", "jpeg", "webp", "bmp", "gif");

    static {
        // Plugins (WebP) are found through the class path at ImageIO's first use; when this module is loaded
        // by another class loader (a PF4J plugin host), register them explicitly from our own loader.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (ImageReaderSpi spi : ServiceLoader.load(ImageReaderSpi.class, ImageDecoder.class.getClassLoader())) {
            if (registry.getServiceProviderByClass(spi.getClass()) == null) {
                registry.registerServiceProvider(spi, ImageReaderSpi.class);
            }
        }
        ImageIO.setUseCache(false);
    }

    private final DecodeOptions options;

    public ImageDecoder(DecodeOptions options) {
        this.options = options;
    }

    /** A decoder with {@link DecodeOptions#defaults()}. */
    public static ImageDecoder withDefaults() {
        return new ImageDecoder(DecodeOptions.defaults());
    }

    public DecodeOptions options() {
        return options;
    }

    /** Decodes an image file. */
    public RgbImage decode(Path file) {
        String source = file.toString();
        requireReadableFile(file);
        int orientation = options.exifOrientation() ? ExifOrientation.read(file) : ExifOrientation.NORMAL;
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return decode(in, source, orientation);
        } catch (IOException e) {
            throw UserError.at(source, "cannot read: " + e.getMessage());
        }
    }

    /** Decodes an image held in memory; {@code source} names it in errors (e.g. the JSONL line). */
    public RgbImage decode(byte[] data, String source) {
        if (data.length == 0) {
            throw UserError.at(source, "empty image data");
        }
        int orientation = options.exifOrientation() ? ExifOrientation.read(data) : ExifOrientation.NORMAL;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            return decode(in, source, orientation);
        } catch (IOException e) {
            throw UserError.at(source, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Decodes a {@code data:[<mime>][;base64],<payload>} URI (OpenAI {@code image_url} parts). Only base64
     * payloads are accepted: images are binary.
     */
    public RgbImage decodeDataUri(String uri, String source) {
        return decode(dataUriBytes(uri, source), source);
    }

    /** The payload of a base64 {@code data:} URI. */
    public static byte[] dataUriBytes(String uri, String source) {
        if (!uri.startsWith("data:")) {
            throw UserError.at(source, "expected a data: URI, got '" + abbreviate(uri) + "'");
        }
        int comma = uri.indexOf(',');
        if (comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
            throw UserError.at(source, "expected a base64 data URI (data:image/...;base64,...)");
        }
        try {
            // strict alphabet; line breaks some encoders insert are not part of the payload
            return Base64.getDecoder().decode(uri.substring(comma + 1).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw UserError.at(source, "invalid base64 in data URI: " + e.getMessage());
        }
    }

    /** Reads only the header: format, stored size and (if enabled) EXIF orientation. */
    public ImageInfo probe(Path file) {
        String source = file.toString();
        requireReadableFile(file);
        int orientation = options.exifOrientation() ? ExifOrientation.read(file) : ExifOrientation.NORMAL;
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, source);
            try {
                int[] size = headerSize(reader, source);
                return new ImageInfo(formatName(reader), size[0], size[1],
                        orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw UserError.at(source, "cannot read: " + e.getMessage());
        }
    }

    private RgbImage decode(ImageInputStream in, String source, int orientation) {
        ImageReader reader = readerFor(in, source);
        try {
            int[] size = headerSize(reader, source);
            long pixels = (long) size[0] * size[1];
            if (pixels > options.maxPixels()) {
                throw UserError.at(source, "image is " + size[0] + "x" + size[1] + " = " + pixels
                        + " pixels, above the limit of " + options.maxPixels()
                        + " (a decompression bomb or a forged header; raise the pixel limit if it is genuine)");
            }
            TruncationWatcher watcher = new TruncationWatcher();
            reader.addIIOReadWarningListener(watcher);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException
                     | IllegalStateException | NegativeArraySizeException e) {
                throw UserError.at(source, "corrupt or truncated " + formatName(reader) + " data: "
                        + describe(e));
            } catch (IOException e) {
                throw UserError.at(source, "cannot read: " + describe(e));
            }
            if (watcher.truncated != null) {
                throw UserError.at(source, "truncated " + formatName(reader) + " data: " + watcher.truncated);
            }
            if (image.getWidth() != size[0] || image.getHeight() != size[1]) {
                throw UserError.at(source, "decoded size " + image.getWidth() + "x" + image.getHeight()
                        + " differs from the header's " + size[0] + "x" + size[1]);
            }
            RgbImage rgb = RasterConversion.toRgb(image, options.alpha(), source);
            return ExifOrientation.apply(rgb, orientation);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The first reader for one of the supported formats. Other ImageIO readers on the class path (the JDK's
     * TIFF and WBMP readers; WBMP has no signature and claims odd inputs) are not used.
     */
    private static ImageReader readerFor(ImageInputStream in, String source) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (SUPPORTED.contains(formatName(reader))) {
                reader.setInput(in, true, false);
                return reader;
            }
            reader.dispose();
        }
        throw UserError.at(source, "not a supported image (expected " + FORMATS + ")");
    }

    private static int[] headerSize(ImageReader reader, String source) {
        int w;
        int h;
        try {
            w = reader.getWidth(0);
            h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw UserError.at(source, "corrupt or truncated image header: " + describe(e));
        }
        if (w <= 0 || h <= 0) {
            throw UserError.at(source, "image header gives an invalid size " + w + "x" + h);
        }
        return new int[] {w, h};
    }

    /** The reader's format name, lower case ({@code png}, {@code jpeg}, ...). */
    private static String formatName(ImageReader reader) {
        ImageReaderSpi spi = reader.getOriginatingProvider();
        String name = spi == null || spi.getFormatNames().length == 0 ? "image" : spi.getFormatNames()[0];
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw UserError.at(file, "no such image file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw UserError.at(file, "not a readable file");
        }
    }

    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
            String m = t.getMessage();
            parts.add(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
        }
        return String.join(": ", parts);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * javax.imageio's JPEG decoder reports a truncated file as a warning and fills the rest with gray; PIL
     * refuses such files ("image file is truncated"), so the warning becomes an error.
     */
    private static final class TruncationWatcher implements IIOReadWarningListener {
        String truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning.toLowerCase(java.util.Locale.ROOT);
            if (truncated == null && (w.contains("premature end") || w.contains("truncat"))) {
                truncated = warning;
            }
        }
    }
}
