package io.step3vl.image;

import io.step3vl.common.UserError;

import java.util.ArrayList;
import java.util.List;

/**
 * The release's multi-crop algorithm ({@code ImagePatcher}, architecture.md §5.1) on image sizes only. All
 * ratios are computed in double precision and sizes truncated with {@code (int)}, as Python's
 * {@code int()} on positive floats does, so every plan matches the reference bit for bit.
 */
public final class CropPlanner {
    /** Images whose short side is below this and whose aspect ratio exceeds {@link #PAD_ASPECT} are squared. */
    static final int PAD_MIN_SIDE = 32;
    static final double PAD_ASPECT = 4.0;
    /** Small images get crops (of the short side) only if they are more elongated than this. */
    static final double SMALL_IMAGE_ASPECT = 1.5;
    /** Very elongated large images use the short side as the window if it is below the crop side. */
    static final double LARGE_IMAGE_ASPECT = 4.0;
    /** A leftover of more than this fraction of a window adds one more window along that side. */
    static final double EXTRA_WINDOW_FRACTION = 0.2;

    private final ImageGeometry geometry;

    public CropPlanner(ImageGeometry geometry) {
        this.geometry = geometry;
    }

    public ImageGeometry geometry() {
        return geometry;
    }

    /**
     * Plans the views of a {@code width x height} image.
     *
     * @throws UserError if the size is not positive or the image is so elongated that a side would shrink
     *                   to 0 pixels under the longest-side cap
     */
    public CropPlan plan(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new UserError("image size must be positive, got " + width + "x" + height);
        }
        boolean pad = needsSquarePad(width, height);
        int paddedW = pad ? Math.max(width, height) : width;
        int paddedH = pad ? Math.max(width, height) : height;

        int resizedW = paddedW;
        int resizedH = paddedH;
        int longest = Math.max(paddedW, paddedH);
        if (longest > geometry.maxSide()) {
            double scale = (double) geometry.maxSide() / longest;
            resizedW = (int) (paddedW * scale);
            resizedH = (int) (paddedH * scale);
            if (resizedW == 0 || resizedH == 0) {
                throw new UserError("image " + width + "x" + height + " is too elongated: a side would be 0 "
                        + "pixels after scaling the longest side to " + geometry.maxSide());
            }
        }

        int window = windowSize(resizedW, resizedH);
        if (window == 0) {
            return new CropPlan(width, height, pad, paddedW, paddedH, resizedW, resizedH, 0, 0, 0, 0, 0,
                    List.of(), List.of());
        }
        int canvasW = canvasSide(resizedW, window);
        int canvasH = canvasSide(resizedH, window);
        int[] xs = windowStarts(canvasW, window);
        int[] ys = windowStarts(canvasH, window);
        List<CropBox> boxes = new ArrayList<>(xs.length * ys.length);
        for (int y : ys) {
            for (int x : xs) {
                boxes.add(new CropBox(x, y, window, window));
            }
        }
        List<Boolean> newline = new ArrayList<>(boxes.size());
        for (int k = 0; k < boxes.size(); k++) {
            newline.add((k + 1) % xs.length == 0 && k != boxes.size() - 1);
        }
        return new CropPlan(width, height, pad, paddedW, paddedH, resizedW, resizedH, window, canvasW, canvasH,
                xs.length, ys.length, boxes, newline);
    }

    static boolean needsSquarePad(int width, int height) {
        double ratio = (double) width / height;
        return Math.min(width, height) < PAD_MIN_SIDE && (ratio > PAD_ASPECT || ratio < 1.0 / PAD_ASPECT);
    }

    /** Crop side before the resize to the crop side; 0 = no crops. */
    int windowSize(int width, int height) {
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        double aspect = (double) longSide / shortSide;
        if (geometry.boundary().isSmall(longSide, geometry.globalSide())) {
            return aspect > SMALL_IMAGE_ASPECT ? shortSide : 0;
        }
        return aspect > LARGE_IMAGE_ASPECT ? Math.min(shortSide, geometry.cropSide()) : geometry.cropSide();
    }

    /** One canvas side: snapped to whole windows, keeping a leftover of more than 20% of a window. */
    static int canvasSide(int side, int window) {
        double windows = (double) side / window;
        if (windows < 1) {
            return side;
        }
        int whole = (int) windows;
        if (windows - side / window > EXTRA_WINDOW_FRACTION) {
            whole++;
        }
        return window * whole;
    }

    /** Window starts along one canvas side: 0, w, 2w, ..., the last clamped inside the side. */
    static int[] windowStarts(int side, int window) {
        int count = side <= window ? 1 : (int) Math.ceil((double) (side - window) / window + 1);
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = i * window;
        }
        if (count > 1 && starts[count - 1] + window > side) {
            starts[count - 1] = side - window;
        }
        return starts;
    }
}
