package io.step3vl.image;

/**
 * One local crop on the crop canvas, in pixels: top-left corner and size. A box may reach past a canvas
 * side that is smaller than the window; that part of the crop is black.
 */
public record CropBox(int x, int y, int width, int height) {
}
