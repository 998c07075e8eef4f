package io.step3vl.shapes.scene;

/**
 * Geometry of the built-in 5x7 pixel font (drawn by the renderer): every glyph is 5 cells wide and
 * 7 high with one empty cell between glyphs. A built-in font renders the same pixels on every
 * machine, with or without system fonts.
 */
public final class PixelFontMetrics {
    public static final int GLYPH_WIDTH = 5;
    public static final int GLYPH_HEIGHT = 7;

    private PixelFontMetrics() {}

    public static int width(String text, int cell) {
        return (text.length() * (GLYPH_WIDTH + 1) - 1) * cell;
    }

    public static int height(int cell) {
        return GLYPH_HEIGHT * cell;
    }
}
