package io.step3vl.image;

/**
 * What an image header says, without decoding pixels.
 *
 * @param format      ImageIO's format name ({@code png}, {@code jpeg}, {@code webp}, {@code bmp}, {@code gif})
 * @param storedWidth width as stored in the file
 * @param storedHeight height as stored in the file
 * @param orientation EXIF orientation 1–8 (1 when absent or not applied)
 */
public record ImageInfo(String format, int storedWidth, int storedHeight, int orientation) {
    /** Width after the EXIF orientation: orientations 5–8 swap the sides. */
    public int width() {
        return ExifOrientation.swapsSides(orientation) ? storedHeight : storedWidth;
    }

    /** Height after the EXIF orientation. */
    public int height() {
        return ExifOrientation.swapsSides(orientation) ? storedWidth : storedHeight;
    }
}
