package io.step3vl.shapes.scene;

/** Object sizes as a fraction of the image side (the object's bounding square). */
public enum SizeClass {
    SMALL("small", 0.10, 0.14),
    MEDIUM("medium", 0.17, 0.22),
    LARGE("large", 0.25, 0.31);

    private final String word;
    private final double minFraction;
    private final double maxFraction;

    SizeClass(String word, double minFraction, double maxFraction) {
        this.word = word;
        this.minFraction = minFraction;
        this.maxFraction = maxFraction;
    }

    public String word() {
        return word;
    }

    /** Smallest side in pixels on a {@code side}-pixel image. */
    public int minPixels(int side) {
        return Math.max(6, (int) Math.round(minFraction * side));
    }

    /** Largest side in pixels on a {@code side}-pixel image. */
    public int maxPixels(int side) {
        return Math.max(minPixels(side), (int) Math.round(maxFraction * side));
    }

    /** The next smaller class, or this one when already the smallest. */
    public SizeClass smaller() {
        return this == LARGE ? MEDIUM : SMALL;
    }
}
