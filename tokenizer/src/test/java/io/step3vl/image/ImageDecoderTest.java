package io.step3vl.image;

import io.step3vl.common.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTest {
    private static final ImageDecoder DECODER = ImageDecoder.withDefaults();
    private static final ImageDecoder COMPOSITING =
            new ImageDecoder(DecodeOptions.defaults().withAlpha(AlphaMode.COMPOSITE_ON_WHITE));

    @TempDir
    Path dir;

    private static BufferedImage randomRgb(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(seed);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, random.nextInt(256));
                }
            }
        }
        return image;
    }

    private static void assertSamples(RgbImage actual, BufferedImage expectedRgb) {
        assertThat(actual.width()).isEqualTo(expectedRgb.getWidth());
        assertThat(actual.height()).isEqualTo(expectedRgb.getHeight());
        for (int y = 0; y < actual.height(); y++) {
            for (int x = 0; x < actual.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(actual.sample(x, y, c)).as("(%d, %d) c%d", x, y, c)
                            .isEqualTo(expectedRgb.getRaster().getSample(x, y, c));
                }
            }
        }
    }

    private Path file(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    // ---- formats and colour conversion ----

    @Test
    void rgbPngAndBmpAreLossless() throws IOException {
        BufferedImage image = randomRgb(37, 23, 1);
        assertSamples(DECODER.decode(file("a.png", ImageFiles.write(image, "png"))), image);
        assertSamples(DECODER.decode(file("a.bmp", ImageFiles.write(image, "bmp"))), image);
        assertSamples(DECODER.decode(ImageFiles.write(image, "png"), "in-memory"), image);
    }

    @Test
    void grayIsReplicatedFromRawSamplesNotColourConverted() {
        BufferedImage gray = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            gray.getRaster().setSample(x, 0, 0, x);
        }
        RgbImage rgb = DECODER.decode(ImageFiles.write(gray, "png"), "gray.png");
        boolean getRgbWouldDiffer = false;
        for (int x = 0; x < 256; x++) {
            assertThat(new int[] {rgb.sample(x, 0, 0), rgb.sample(x, 0, 1), rgb.sample(x, 0, 2)}).containsOnly(x);
            getRgbWouldDiffer |= (gray.getRGB(x, 0) & 0xFF) != x;
        }
        // the pitfall the raster path avoids: Java's getRGB gamma-converts linear gray
        assertThat(getRgbWouldDiffer).isTrue();
    }

    @Test
    void alphaIsDroppedKeepingColourUnderTransparentPixels() {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
        rgba.getRaster().setPixel(0, 0, new int[] {200, 100, 50, 0});    // fully transparent, coloured
        rgba.getRaster().setPixel(1, 0, new int[] {200, 100, 50, 128});
        byte[] png = ImageFiles.write(rgba, "png");

        RgbImage dropped = DECODER.decode(png, "rgba.png");
        assertThat(dropped.pixels()).containsExactly(200, 100, 50, 200, 100, 50);

        RgbImage composited = COMPOSITING.decode(png, "rgba.png");
        // PIL paste blend: DIV255(255 * (255 - a) + c * a); a = 0 is white
        assertThat(composited.sample(0, 0, 0)).isEqualTo(255);
        assertThat(composited.sample(1, 0, 0)).isEqualTo(227);  // (255*127 + 200*128) / 255 = 227.39
        assertThat(composited.sample(1, 0, 1)).isEqualTo(177);  // (255*127 + 100*128) / 255 = 177.19
        assertThat(composited.sample(1, 0, 2)).isEqualTo(152);  // (255*127 + 50*128) / 255 = 152.09
    }

    @Test
    void grayWithAlphaKeepsItsGrayOrCompositesIt() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage la = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false, null);
        la.getRaster().setPixel(0, 0, new int[] {90, 0});
        la.getRaster().setPixel(1, 0, new int[] {90, 255});
        byte[] png = ImageFiles.write(la, "png");
        assertThat(DECODER.decode(png, "la.png").pixels()).containsExactly(90, 90, 90, 90, 90, 90);
        assertThat(COMPOSITING.decode(png, "la.png").pixels()).containsExactly(-1, -1, -1, 90, 90, 90);
    }

    @Test
    void oneBitImagesExpandToBlackAndWhite() {
        BufferedImage binary = new BufferedImage(9, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(3, 0, 0, 1);
        RgbImage rgb = DECODER.decode(ImageFiles.write(binary, "png"), "bw.png");
        for (int x = 0; x < 9; x++) {
            assertThat(rgb.sample(x, 0, 1)).isEqualTo(x == 3 ? 255 : 0);
        }
    }

    @Test
    void compositeBlendRoundsLikePil() {
        for (int a = 0; a <= 255; a++) {
            for (int c = 0; c <= 255; c += 5) {
                double exact = (255.0 * (255 - a) + c * a) / 255.0;
                int blended = RasterConversion.overWhite(c, a);
                assertThat(Math.abs(blended - exact)).as("c=%d a=%d", c, a).isLessThanOrEqualTo(0.5 + 1e-9);
            }
        }
        assertThat(RasterConversion.overWhite(17, 255)).isEqualTo(17);
        assertThat(RasterConversion.overWhite(17, 0)).isEqualTo(255);
    }

    @Test
    void paletteIsExpandedAndItsTransparencyHonouredOnlyWhenCompositing() {
        byte[] r = {10, (byte) 200};
        byte[] g = {20, (byte) 150};
        byte[] b = {30, 0};
        byte[] a = {(byte) 255, 0};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 2, r, g, b, a));
        indexed.getRaster().setSample(0, 0, 0, 0);
        indexed.getRaster().setSample(1, 0, 0, 1);
        byte[] png = ImageFiles.write(indexed, "png");
        assertThat(DECODER.decode(png, "p.png").pixels()).containsExactly(10, 20, 30, 200, 150, 0);
        assertThat(COMPOSITING.decode(png, "p.png").pixels()).containsExactly(10, 20, 30, 255, 255, 255);
    }

    @Test
    void sixteenBitGraySaturatesAndSixteenBitRgbKeepsTheHighByte() {
        BufferedImage gray16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 100);
        gray16.getRaster().setSample(1, 0, 0, 300);
        gray16.getRaster().setSample(2, 0, 0, 65535);
        // PIL opens it as I;16 and convert("RGB") clips at 255
        assertThat(DECODER.decode(ImageFiles.write(gray16, "png"), "g16.png").pixels())
                .containsExactly(100, 100, 100, -1, -1, -1, -1, -1, -1);

        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage rgb16 = new BufferedImage(cm, cm.createCompatibleWritableRaster(1, 1), false, null);
        rgb16.getRaster().setPixel(0, 0, new int[] {0x1234, 0xABCD, 0x00FF});
        assertThat(DECODER.decode(ImageFiles.write(rgb16, "png"), "c16.png").pixels())
                .containsExactly(0x12, (byte) 0xAB, 0x00);
    }

    @Test
    void gifGivesItsFirstFrame() {
        // at least 5 rows: the JDK's GIF writer/reader pair loses a row of interlaced images of 2-4 rows
        BufferedImage first = new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_INDEXED);
        BufferedImage second = new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                first.setRGB(x, y, 0xFF0000);
                second.setRGB(x, y, 0x0000FF);
            }
        }
        RgbImage decoded = DECODER.decode(ImageFiles.animatedGif(first, second), "anim.gif");
        assertThat(decoded.width()).isEqualTo(4);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(new int[] {decoded.sample(x, y, 0), decoded.sample(x, y, 1), decoded.sample(x, y, 2)})
                        .containsExactly(255, 0, 0);
            }
        }
    }

    @Test
    void losslessWebpDecodes() throws IOException {
        boolean[] pattern = {false, true, false, true, true, true, false, false};
        Path webp = file("a.webp", ImageFiles.webpLossless(4, 2, 30, 40, 10, 200, pattern));
        RgbImage decoded = DECODER.decode(webp);
        assertThat(decoded.width()).isEqualTo(4);
        assertThat(decoded.height()).isEqualTo(2);
        for (int i = 0; i < 8; i++) {
            int x = i % 4;
            int y = i / 4;
            assertThat(new int[] {decoded.sample(x, y, 0), decoded.sample(x, y, 1), decoded.sample(x, y, 2)})
                    .as("pixel %d", i).containsExactly(30, pattern[i] ? 200 : 10, 40);
        }
        assertThat(DECODER.probe(webp).format()).isEqualTo("webp");
    }

    // ---- EXIF orientation ----

    /** A 3x2 image whose pixels are all distinct, so any wrong transposition shows. */
    private static BufferedImage orientationProbe() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                image.getRaster().setPixel(x, y, new int[] {10 * x, 100 + 10 * y, 7});
            }
        }
        return image;
    }

    @Test
    void everyExifOrientationIsUndoneLikePilExifTranspose() throws IOException {
        byte[] png = ImageFiles.write(orientationProbe(), "png");
        // expected display of the stored 3x2 image [[a b c] [d e f]] per orientation (PIL's transpose methods)
        String[][] expected = {
                null,
                {"abc", "def"},                 // 1 normal
                {"cba", "fed"},                 // 2 FLIP_LEFT_RIGHT
                {"fed", "cba"},                 // 3 ROTATE_180
                {"def", "abc"},                 // 4 FLIP_TOP_BOTTOM
                {"ad", "be", "cf"},             // 5 TRANSPOSE
                {"da", "eb", "fc"},             // 6 ROTATE_270 (90 clockwise)
                {"fc", "eb", "da"},             // 7 TRANSVERSE
                {"cf", "be", "ad"},             // 8 ROTATE_90 (90 counter-clockwise)
        };
        for (int orientation = 1; orientation <= 8; orientation++) {
            Path p = file("o" + orientation + ".png", ImageFiles.pngWithOrientation(png, orientation));
            RgbImage decoded = DECODER.decode(p);
            assertThat(letters(decoded)).as("orientation %d", orientation).containsExactly(expected[orientation]);
            ImageInfo info = DECODER.probe(p);
            assertThat(info.orientation()).isEqualTo(orientation);
            assertThat(new int[] {info.width(), info.height()}).containsExactly(decoded.width(), decoded.height());
        }
        Path rotated = file("o6.png", ImageFiles.pngWithOrientation(png, 6));
        ImageDecoder ignoring = new ImageDecoder(DecodeOptions.defaults().withExifOrientation(false));
        assertThat(letters(ignoring.decode(rotated))).containsExactly("abc", "def");
    }

    @Test
    void jpegExifOrientationIsApplied() {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF); // left half red, right half blue
            }
        }
        byte[] jpeg = ImageFiles.jpegWithOrientation(ImageFiles.jpeg(image, 1.0f), 6);
        RgbImage decoded = DECODER.decode(jpeg, "rotated.jpg");
        // 90 degrees clockwise: the red left half ends up on top
        assertThat(decoded.width()).isEqualTo(16);
        assertThat(decoded.height()).isEqualTo(32);
        assertThat(decoded.sample(8, 4, 0)).isGreaterThan(200);
        assertThat(decoded.sample(8, 28, 2)).isGreaterThan(200);
    }

    private static String[] letters(RgbImage image) {
        String[] rows = new String[image.height()];
        for (int y = 0; y < image.height(); y++) {
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < image.width(); x++) {
                int sx = image.sample(x, y, 0) / 10;
                int sy = (image.sample(x, y, 1) - 100) / 10;
                row.append((char) ('a' + sy * 3 + sx));
            }
            rows[y] = row.toString();
        }
        return rows;
    }

    // ---- hostile and broken input ----

    @Test
    void forgedHugeHeaderIsRejectedBeforeAnyAllocation() throws IOException {
        // 100k x 100k RGB would need 30 GB; the test JVM has 4 GB, so reaching the decoder would fail differently
        Path bomb = file("bomb.png", ImageFiles.pngWithForgedHeader(100_000, 100_000));
        assertThatThrownBy(() -> DECODER.decode(bomb))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(bomb.toString() + ": ")
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("above the limit");
        assertThat(DECODER.probe(bomb).storedWidth()).isEqualTo(100_000);
    }

    @Test
    void forgedJpegFrameSizeIsRejected() {
        byte[] jpeg = ImageFiles.jpeg(randomRgb(16, 16, 3), 0.9f);
        // patch the SOF0 frame header: height and width are the two shorts after the precision byte
        for (int i = 2; i < jpeg.length - 9; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) 0xEA; // 60000 (libjpeg's own ceiling is 65500)
                jpeg[i + 6] = (byte) 0x60;
                jpeg[i + 7] = (byte) 0xEA;
                jpeg[i + 8] = (byte) 0x60;
                break;
            }
        }
        assertThatThrownBy(() -> DECODER.decode(jpeg, "forged.jpg"))
                .isInstanceOf(UserError.class).hasMessageContaining("60000x60000").hasMessageContaining("above the limit");
    }

    @Test
    void forgedChunkLengthIsRejectedCleanly() {
        byte[] png = ImageFiles.write(randomRgb(10, 10, 8), "png");
        byte[] text = "comment\0hello".getBytes(StandardCharsets.ISO_8859_1);
        byte[] chunk = ImageFiles.pngChunk("tEXt", text);
        java.nio.ByteBuffer.wrap(chunk).putInt(0, 0x7FFFFF00); // claims 2 GB of text
        int afterIhdr = 33;
        byte[] forged = ImageFiles.concat(ImageFiles.slice(png, 0, afterIhdr), chunk,
                ImageFiles.slice(png, afterIhdr, png.length));
        assertThatThrownBy(() -> DECODER.decode(forged, "chunk.png"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("chunk.png: corrupt or truncated png data");
    }

    @Test
    void genuineDecompressionBombIsRejectedByThePixelCap() {
        // a real, complete 3000 x 3000 PNG that compresses to a few kilobytes
        byte[] png = ImageFiles.write(new BufferedImage(3000, 3000, BufferedImage.TYPE_3BYTE_BGR), "png");
        assertThat(png.length).isLessThan(100_000);
        ImageDecoder capped = new ImageDecoder(DecodeOptions.defaults().withMaxPixels(1_000_000));
        assertThatThrownBy(() -> capped.decode(png, "bomb.png"))
                .isInstanceOf(UserError.class).hasMessageContaining("9000000 pixels, above the limit of 1000000");
        assertThat(DECODER.decode(png, "bomb.png").width()).isEqualTo(3000);
    }

    @Test
    void truncatedPngIsRejected() {
        byte[] png = ImageFiles.write(randomRgb(64, 64, 4), "png");
        byte[] cut = ImageFiles.slice(png, 0, png.length / 2);
        assertThatThrownBy(() -> DECODER.decode(cut, "cut.png"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("cut.png: ").hasMessageContaining("truncated");
    }

    @Test
    void truncatedJpegIsRejected() {
        byte[] jpeg = ImageFiles.jpeg(randomRgb(64, 64, 5), 0.9f);
        byte[] cut = ImageFiles.slice(jpeg, 0, jpeg.length * 6 / 10);
        assertThatThrownBy(() -> DECODER.decode(cut, "cut.jpg"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("cut.jpg: ").hasMessageContaining("truncated");
    }

    @Test
    void headerOnlyFilesAreRejected() {
        byte[] png = ImageFiles.write(randomRgb(8, 8, 6), "png");
        assertThatThrownBy(() -> DECODER.decode(ImageFiles.slice(png, 0, 20), "head.png"))
                .isInstanceOf(UserError.class).hasMessageContaining("truncated");
    }

    @Test
    void nonImagesAndMissingFilesAreUserErrors() throws IOException {
        Path text = file("notes.png", "just some text, not pixels".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DECODER.decode(text)).isInstanceOf(UserError.class)
                .hasMessage(text + ": not a supported image (expected PNG, JPEG, WebP, BMP or GIF)");
        // ImageIO could read TIFF, but the toolkit takes the five documented formats only
        assertThatThrownBy(() -> DECODER.decode(ImageFiles.write(randomRgb(4, 4, 9), "tiff"), "scan.tif"))
                .isInstanceOf(UserError.class).hasMessageContaining("not a supported image");
        Path empty = file("empty.jpg", new byte[0]);
        assertThatThrownBy(() -> DECODER.decode(empty)).isInstanceOf(UserError.class)
                .hasMessageContaining("not a supported image");
        assertThatThrownBy(() -> DECODER.decode(new byte[0], "upload")).isInstanceOf(UserError.class)
                .hasMessage("upload: empty image data");
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> DECODER.decode(missing)).isInstanceOf(UserError.class)
                .hasMessage(missing + ": no such image file");
        assertThatThrownBy(() -> DECODER.decode(dir)).isInstanceOf(UserError.class)
                .hasMessage(dir + ": not a readable file");
    }

    @Test
    void fourChannelJpegIsAnUnsupportedColourModel() {
        assertThatThrownBy(() -> DECODER.decode(ImageFiles.fourChannelJpeg(16, 16), "cmyk.jpg"))
                .isInstanceOf(UserError.class)
                .hasMessage("cmyk.jpg: unsupported colour model with 4 colour components (expected RGB or grayscale, e.g. not CMYK)");
    }

    @Test
    void dataUrisDecode() {
        BufferedImage image = randomRgb(5, 4, 7);
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(ImageFiles.write(image, "png"));
        assertSamples(DECODER.decodeDataUri(uri, "messages[0]"), image);
        assertThatThrownBy(() -> DECODER.decodeDataUri("data:image/png,raw", "m")).isInstanceOf(UserError.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> DECODER.decodeDataUri("data:image/png;base64,@@@", "m"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("m: invalid base64");
        assertThatThrownBy(() -> DECODER.decodeDataUri("http://example.com/a.png", "m"))
                .isInstanceOf(UserError.class).hasMessageContaining("expected a data: URI");
    }
}
