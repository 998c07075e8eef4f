package io.step3vl.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Locating the EXIF block in each container, safely. */
class ExifOrientationTest {
    private static final byte[] PNG = ImageFiles.write(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png");

    @Test
    void findsTheOrientationInEachContainer() {
        assertThat(ExifOrientation.read(ImageFiles.pngWithOrientation(PNG, 6))).isEqualTo(6);
        byte[] jpeg = ImageFiles.jpeg(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), 0.9f);
        assertThat(ExifOrientation.read(ImageFiles.jpegWithOrientation(jpeg, 8))).isEqualTo(8);
        byte[] webp = ImageFiles.webpLossless(2, 1, 1, 2, 3, 4, new boolean[] {false, true});
        assertThat(ExifOrientation.read(ImageFiles.webpWithOrientation(webp, 3, false))).isEqualTo(3);
        assertThat(ExifOrientation.read(ImageFiles.webpWithOrientation(webp, 5, true))).isEqualTo(5);
    }

    @Test
    void absentOrInvalidMeansNormal() {
        assertThat(ExifOrientation.read(PNG)).isEqualTo(1);
        assertThat(ExifOrientation.read(ImageFiles.pngWithOrientation(PNG, 9))).isEqualTo(1);
        assertThat(ExifOrientation.read(ImageFiles.write(new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR), "bmp")))
                .isEqualTo(1);
        assertThat(ExifOrientation.read(new byte[] {1, 2, 3})).isEqualTo(1);
        // an unreadable EXIF block (no valid TIFF byte order) is ignored, as PIL ignores it
        byte[] broken = ImageFiles.pngWithOrientation(PNG, 6);
        int tiffStart = 33 + 8;
        broken[tiffStart] = 'X';
        broken[tiffStart + 1] = 'X';
        assertThat(ExifOrientation.read(broken)).isEqualTo(1);
    }

    @Test
    void pngEXifAfterTheImageDataCounts() {
        // Pillow reads chunks after IDAT when the image is loaded, so exif_transpose sees them
        int iend = PNG.length - 12;
        byte[] tiff = ImageFiles.tiffWithOrientation(7);
        byte[] late = ImageFiles.concat(ImageFiles.slice(PNG, 0, iend), ImageFiles.pngChunk("eXIf", tiff),
                ImageFiles.slice(PNG, iend, PNG.length));
        assertThat(ExifOrientation.read(late)).isEqualTo(7);
    }

    @Test
    void chunkLengthsBeyondTheFileAreNotTrusted() {
        // a 2 GB text chunk claimed in a tiny file: the walk stops without allocating it
        byte[] chunk = ImageFiles.pngChunk("tEXt", "k\0v".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer.wrap(chunk).putInt(0, 0x7FFFFF00);
        byte[] forged = ImageFiles.concat(ImageFiles.slice(PNG, 0, 33), chunk, ImageFiles.slice(PNG, 33, PNG.length));
        long before = allocatedBytes();
        assertThat(ExifOrientation.read(forged)).isEqualTo(1);
        assertThat(allocatedBytes() - before).isLessThan(64L << 20);
        // the same for a forged eXIf length
        byte[] exif = ImageFiles.pngWithOrientation(PNG, 6);
        ByteBuffer.wrap(exif).putInt(33, 0x7FFFFF00);
        assertThat(ExifOrientation.read(exif)).isEqualTo(1);
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
