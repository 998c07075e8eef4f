package io.step3vl.eval.score;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boxes and points in answers, converted to unit coordinates (0–1 of the image width and height).
 * Recognised forms: {@code [x1, y1, x2, y2]}, {@code (x1, y1, x2, y2)}, {@code <box>x1 y1 x2 y2</box>},
 * {@code (x1,y1),(x2,y2)}; points {@code [x, y]}, {@code (x, y)}, {@code <point>x y</point>}.
 */
public final class Geometry {
    private static final String NUM = "(-?\\d+(?:\\.\\d+)?)";
    private static final String SEP = "\\s*[,\\s]\\s*";
    private static final Pattern BOX = Pattern.compile(
            "[\\[(]\\s*" + NUM + SEP + NUM + SEP + NUM + SEP + NUM + "\\s*[\\])]"
                    + "|<box>\\s*" + NUM + SEP + NUM + SEP + NUM + SEP + NUM + "\\s*</box>"
                    + "|\\(\\s*" + NUM + "\\s*,\\s*" + NUM + "\\s*\\)\\s*,?\\s*\\(\\s*" + NUM + "\\s*,\\s*" + NUM + "\\s*\\)");
    private static final Pattern POINT = Pattern.compile(
            "[\\[(]\\s*" + NUM + "\\s*,\\s*" + NUM + "\\s*[\\])]|<point>\\s*" + NUM + SEP + NUM + "\\s*</point>");

    private Geometry() {}

    /** An axis-aligned box in unit coordinates, corners ordered. */
    public record Box(double x1, double y1, double x2, double y2) {
        public static Box ordered(double ax, double ay, double bx, double by) {
            return new Box(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
        }

        public double area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }

        /** Intersection over union; 1 for two identical degenerate boxes, 0 for disjoint ones. */
        public double iou(Box o) {
            double ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
            double iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
            double inter = ix * iy;
            double union = area() + o.area() - inter;
            if (union <= 0) {
                return equals(o) ? 1 : 0;
            }
            return inter / union;
        }

        public boolean contains(Point p) {
            return p.x() >= x1 && p.x() <= x2 && p.y() >= y1 && p.y() <= y2;
        }

        /** Euclidean distance from {@code p} to the box (0 inside). */
        public double distanceTo(Point p) {
            double dx = Math.max(0, Math.max(x1 - p.x(), p.x() - x2));
            double dy = Math.max(0, Math.max(y1 - p.y(), p.y() - y2));
            return Math.hypot(dx, dy);
        }

        public Point center() {
            return new Point((x1 + x2) / 2, (y1 + y2) / 2);
        }

        /** The box in 0–1000 integers, the form reports show. */
        public String toNorm1000() {
            return "[" + Math.round(x1 * 1000) + ", " + Math.round(y1 * 1000) + ", " + Math.round(x2 * 1000) + ", "
                    + Math.round(y2 * 1000) + "]";
        }
    }

    /** A point in unit coordinates. */
    public record Point(double x, double y) {
        public double distanceTo(Point o) {
            return Math.hypot(x - o.x, y - o.y);
        }

        public String toNorm1000() {
            return "[" + Math.round(x * 1000) + ", " + Math.round(y * 1000) + "]";
        }
    }

    /** Raw numbers of every box in the text, in order (each of length 4: x1, y1, x2, y2). */
    static List<double[]> rawBoxes(String text) {
        List<double[]> out = new ArrayList<>();
        Matcher m = BOX.matcher(text);
        while (m.find()) {
            double[] v = new double[4];
            int base = m.group(1) != null ? 1 : m.group(5) != null ? 5 : 9;
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(m.group(base + i));
            }
            out.add(v);
        }
        return out;
    }

    /** Raw numbers of every point in the text, in order; a box also counts, by its centre. */
    static List<double[]> rawPoints(String text) {
        List<double[]> out = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher b = BOX.matcher(text);
        List<double[]> boxes = new ArrayList<>();
        while (b.find()) {
            spans.add(new int[] {b.start(), b.end()});
            boxes.add(rawBoxes(b.group()).get(0));
        }
        Matcher m = POINT.matcher(text);
        List<double[]> pts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            boolean insideBox = false;
            for (int[] s : spans) {
                if (m.start() >= s[0] && m.end() <= s[1]) {
                    insideBox = true;
                    break;
                }
            }
            if (!insideBox) {
                int base = m.group(1) != null ? 1 : 3;
                pts.add(new double[] {Double.parseDouble(m.group(base)), Double.parseDouble(m.group(base + 1))});
                starts.add(m.start());
            }
        }
        // Merge points and box centres in text order.
        int bi = 0;
        int pi = 0;
        while (bi < boxes.size() || pi < pts.size()) {
            boolean takeBox = pi >= pts.size() || (bi < boxes.size() && spans.get(bi)[0] < starts.get(pi));
            if (takeBox) {
                double[] v = boxes.get(bi++);
                out.add(new double[] {v[0], v[1], v[2], v[3]});
            } else {
                out.add(pts.get(pi++));
            }
        }
        return out;
    }

    /**
     * Converts raw coordinates (x, y pairs) to unit coordinates; null when the format needs an image
     * size that is unknown. {@link CoordinateFormat#AUTO} is resolved here from the values.
     */
    static double[] toUnit(double[] raw, CoordinateFormat format, int width, int height) {
        CoordinateFormat f = format == CoordinateFormat.AUTO ? guess(raw, width, height) : format;
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            boolean isX = i % 2 == 0;
            switch (f) {
                case UNIT -> out[i] = raw[i];
                case NORM1000 -> out[i] = raw[i] / 1000.0;
                case PIXEL -> {
                    if (width <= 0 || height <= 0) {
                        return null;
                    }
                    out[i] = raw[i] / (isX ? width : height);
                }
                default -> throw new IllegalStateException("unresolved format " + f);
            }
        }
        return out;
    }

    static CoordinateFormat guess(double[] raw, int width, int height) {
        boolean allUnit = true;
        boolean anyFraction = false;
        boolean anyAbove1000 = false;
        for (double v : raw) {
            allUnit &= v >= 0 && v <= 1;
            anyFraction |= v != Math.rint(v);
            anyAbove1000 |= v > 1000;
        }
        if (allUnit && anyFraction) {
            return CoordinateFormat.UNIT;
        }
        if (anyAbove1000 && width > 0 && height > 0) {
            return CoordinateFormat.PIXEL;
        }
        return CoordinateFormat.NORM1000;
    }

    /** The last box of the text in unit coordinates, or null. */
    static Box lastBox(String text, CoordinateFormat format, int width, int height) {
        List<double[]> raws = rawBoxes(text);
        if (raws.isEmpty()) {
            return null;
        }
        double[] u = toUnit(raws.get(raws.size() - 1), format, width, height);
        return u == null ? null : Box.ordered(u[0], u[1], u[2], u[3]);
    }

    /** Every box of the text in unit coordinates (none when pixels lack an image size). */
    static List<Box> allBoxes(String text, CoordinateFormat format, int width, int height) {
        List<Box> out = new ArrayList<>();
        for (double[] raw : rawBoxes(text)) {
            double[] u = toUnit(raw, format, width, height);
            if (u != null) {
                out.add(Box.ordered(u[0], u[1], u[2], u[3]));
            }
        }
        return out;
    }
}
