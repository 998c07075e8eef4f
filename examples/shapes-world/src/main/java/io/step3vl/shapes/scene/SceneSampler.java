package io.step3vl.shapes.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places objects (and optionally a text mark) on a square canvas with bounded overlap, anywhere or
 * one per cell of a grid. All choices come from the caller's generator, so a scene is a pure
 * function of its seed.
 */
public final class SceneSampler {
    /** Tries per object at one size before shrinking it. */
    private static final int TRIES_PER_SIZE = 60;
    private static final int BORDER = 2;
    /** Smallest grid cell: the smallest object (6 px) plus a border each side. */
    public static final int MIN_CELL = 6 + 2 * BORDER;

    private final int side;
    private final double maxOverlap;
    private final double noise;
    private final int grid;

    /** Free placement: {@link #SceneSampler(int, double, double, int)} with no grid. */
    public SceneSampler(int side, double maxOverlap, double noise) {
        this(side, maxOverlap, noise, 0);
    }

    /**
     * @param side           image width = height in pixels
     * @param maxOverlap     largest allowed intersection / smaller box area between two objects (0–0.5)
     * @param noise          share of pixels speckled with grey noise (0–1)
     * @param grid           0 to place objects anywhere; N to put each in its own cell of an N×N grid
     *                       (sizes that do not fit a cell are not drawn)
     */
    public SceneSampler(int side, double maxOverlap, double noise, int grid) {
        if (side < 64) {
            throw new IllegalArgumentException("image side must be at least 64 pixels, got " + side);
        }
        if (maxOverlap < 0 || maxOverlap > 0.5) {
            throw new IllegalArgumentException("max overlap must be in [0, 0.5], got " + maxOverlap);
        }
        if (noise < 0 || noise > 1) {
            throw new IllegalArgumentException("noise must be a share in [0, 1], got " + noise);
        }
        this.side = side;
        this.maxOverlap = maxOverlap;
        if (grid != 0 && (grid < 2 || side / grid < MIN_CELL)) {
            throw new IllegalArgumentException("grid must be 0 or 2.." + side / MIN_CELL + " cells a side, got " + grid);
        }
        this.noise = noise;
        this.grid = grid;
    }

    public int side() {
        return side;
    }

    /**
     * A scene holding {@code specs} (in drawing order) and, when {@code text} is non-null, that
     * string as a text mark clear of every object. Returns null in the rare case the objects do not
     * fit; callers draw again.
     */
    public Scene sample(String id, SplittableRandom rng, List<ObjectSpec> specs, String text) {
        Background background = Background.values()[rng.nextInt(Background.values().length)];
        long noiseSeed = rng.nextLong();
        TextMark mark = text == null ? null : placeText(rng, text);
        List<SceneObject> placed = new ArrayList<>();
        for (ObjectSpec spec : specs) {
            SceneObject object = place(rng, spec, placed, mark);
            if (object == null) {
                return null;
            }
            placed.add(object);
        }
        return new Scene(id, side, side, background, noiseSeed, noise, placed, mark);
    }

    /** Random specs: {@code n} objects with independently drawn shapes and colours. */
    public static List<ObjectSpec> randomSpecs(SplittableRandom rng, int n) {
        List<ObjectSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(new ObjectSpec(pick(rng, Shape.values()), pick(rng, Colour.values())));
        }
        return specs;
    }

    public static <T> T pick(SplittableRandom rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }

    public static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private SceneObject place(SplittableRandom rng, ObjectSpec spec, List<SceneObject> placed, TextMark mark) {
        if (grid > 0) {
            return placeInCell(rng, spec, placed, mark);
        }
        SizeClass size = pick(rng, SizeClass.values());
        while (true) {
            for (int attempt = 0; attempt < TRIES_PER_SIZE; attempt++) {
                int d = size.minPixels(side) + rng.nextInt(size.maxPixels(side) - size.minPixels(side) + 1);
                int x1 = BORDER + rng.nextInt(side - 2 * BORDER - d + 1);
                int y1 = BORDER + rng.nextInt(side - 2 * BORDER - d + 1);
                Box box = new Box(x1, y1, x1 + d, y1 + d);
                if (fits(box, placed, mark)) {
                    return new SceneObject(spec.shape(), spec.colour(), size, box);
                }
            }
            if (size == SizeClass.SMALL) {
                return null;
            }
            size = size.smaller();
        }
    }

    /** In a random empty cell (where its box fits), at a size class that fits the cell; null when none is left. */
    private SceneObject placeInCell(SplittableRandom rng, ObjectSpec spec, List<SceneObject> placed, TextMark mark) {
        int cell = side / grid;
        int room = cell - 2 * BORDER;
        List<SizeClass> sizes = new ArrayList<>();
        for (SizeClass s : SizeClass.values()) {
            if (s.minPixels(side) <= room) {
                sizes.add(s);
            }
        }
        SizeClass size = sizes.isEmpty() ? SizeClass.SMALL : pick(rng, sizes);
        List<Integer> cells = new ArrayList<>();
        for (int c = 0; c < grid * grid; c++) {
            cells.add(c);
        }
        for (SceneObject other : placed) {
            cells.remove(Integer.valueOf((other.box().y1() / cell) * grid + other.box().x1() / cell));
        }
        while (!cells.isEmpty()) {
            int c = cells.remove(rng.nextInt(cells.size()));
            int d = Math.min(room, size.minPixels(side) + rng.nextInt(size.maxPixels(side) - size.minPixels(side) + 1));
            int x1 = (c % grid) * cell + BORDER + rng.nextInt(room - d + 1);
            int y1 = (c / grid) * cell + BORDER + rng.nextInt(room - d + 1);
            Box box = new Box(x1, y1, x1 + d, y1 + d);
            if (fits(box, placed, mark)) {
                return new SceneObject(spec.shape(), spec.colour(), size, box);
            }
        }
        return null;
    }

    private boolean fits(Box box, List<SceneObject> placed, TextMark mark) {
        if (mark != null && box.intersectionArea(grow(mark.box(), 3)) > 0) {
            return false;
        }
        for (SceneObject other : placed) {
            if (box.overlapFraction(other.box()) > maxOverlap) {
                return false;
            }
        }
        return true;
    }

    private TextMark placeText(SplittableRandom rng, String text) {
        int minCell = Math.max(2, side / 56);
        int maxCell = Math.max(minCell, side / 37);
        int cell = minCell + rng.nextInt(maxCell - minCell + 1);
        int width = PixelFontMetrics.width(text, cell);
        while (width > side - 4 * BORDER && cell > 1) {
            cell--;
            width = PixelFontMetrics.width(text, cell);
        }
        int height = PixelFontMetrics.height(cell);
        int x1 = 2 * BORDER + rng.nextInt(Math.max(1, side - 4 * BORDER - width + 1));
        int y1 = 2 * BORDER + rng.nextInt(Math.max(1, side - 4 * BORDER - height + 1));
        int ink = rng.nextBoolean() ? 0x1E1E1E : 0x3C3C46;
        return new TextMark(text, new Box(x1, y1, x1 + width, y1 + height), cell, ink);
    }

    private Box grow(Box box, int margin) {
        return new Box(box.x1() - margin, box.y1() - margin, box.x2() + margin, box.y2() + margin);
    }
}
