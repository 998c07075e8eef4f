package io.step3vl.shapes.scene;

/**
 * A short rendered word or number for OCR questions. {@code cell} is the pixel size of one dot of
 * the 5x7 pixel font; the box covers the whole string.
 */
public record TextMark(String text, Box box, int cell, int inkRgb) {}
