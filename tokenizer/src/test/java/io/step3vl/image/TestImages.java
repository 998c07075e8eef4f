package io.step3vl.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test resources and an independent reader for the golden RGB PNGs. */
final class TestImages {
    private TestImages() {}

    /** A file under src/test/resources/io/step3vl/image/. */
    static Path resource(String relative) {
        URL url = TestImages.class.getResource(relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads an 8-bit RGB PNG sample by sample with plain {@link Raster#getSample}, independent of the decoder
     * under test.
     */
    static RgbImage readRgbPng(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 3 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new IllegalStateException(file + " is not an 8-bit RGB PNG");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * w + x) * 3 + c] = (byte) raster.getSample(x, y, c);
                }
            }
        }
        return new RgbImage(w, h, px);
    }

    /** Number of differing bytes (sizes must match). */
    static long mismatches(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("size " + a + " vs " + b);
        }
        long n = 0;
        byte[] pa = a.pixels();
        byte[] pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            if (pa[i] != pb[i]) {
                n++;
            }
        }
        return n;
    }
}
