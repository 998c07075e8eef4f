package io.step3vl.shapes.scene;

import java.util.List;

/**
 * An axis-aligned pixel box with edges {@code x1 <= x < x2}, {@code y1 <= y < y2}. The drawn shape
 * touches all four edges, so the box is tight.
 */
public record Box(int x1, int y1, int x2, int y2) {
    public Box {
        if (x2 <= x1 || y2 <= y1) {
            throw new IllegalArgumentException("empty box " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    public long area() {
        return (long) width() * height();
    }

    public double centreX() {
        return (x1 + x2) / 2.0;
    }

    public double centreY() {
        return (y1 + y2) / 2.0;
    }

    public long intersectionArea(Box other) {
        long w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        long h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Intersection over the smaller box's area: 1 when one box hides the other entirely. */
    public double overlapFraction(Box other) {
        return (double) intersectionArea(other) / Math.min(area(), other.area());
    }

    /** True when the x ranges do not overlap. */
    public boolean horizontallySeparated(Box other) {
        return x2 <= other.x1 || other.x2 <= x1;
    }

    /** True when the y ranges do not overlap. */
    public boolean verticallySeparated(Box other) {
        return y2 <= other.y1 || other.y2 <= y1;
    }

    /** The box on the 0–1000 scale of an image of {@code width} x {@code height}: {@code [x1, y1, x2, y2]}. */
    public List<Integer> normalised(int width, int height) {
        return List.of(norm(x1, width), norm(y1, height), norm(x2, width), norm(y2, height));
    }

    /** The centre on the 0–1000 scale: {@code [x, y]}. */
    public List<Integer> normalisedCentre(int width, int height) {
        return List.of((int) Math.round(centreX() * 1000.0 / width), (int) Math.round(centreY() * 1000.0 / height));
    }

    public List<Integer> pixels() {
        return List.of(x1, y1, x2, y2);
    }

    private static int norm(int pixel, int extent) {
        return (int) Math.round(pixel * 1000.0 / extent);
    }
}
