package io.step3vl.common.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A line chart of one or more series against a shared numeric x axis, e.g. training loss and
 * validation loss against the step. Build it from metric rows ({@link #fromRows}) or add series
 * directly. Points with a non-finite value (or a non-positive one on a log axis) are skipped, so
 * series logged at different intervals share a chart. Long series are decimated to their per-bucket
 * minimum and maximum, which keeps spikes visible while bounding the file size.
 */
public final class LineChart implements Chart {
    /** Above this many points a series is decimated (per-bucket min and max kept). */
    static final int MAX_POINTS = 1200;

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private String xLabel = "";
    private String yLabel = "";
    private boolean logY;
    private int width = 720;
    private int height = 320;

    private record Series(String name, double[] xs, double[] ys) {}

    private LineChart(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public static LineChart titled(String title) {
        return new LineChart(title);
    }

    /**
     * One series per {@code yKeys} entry, x from {@code xKey}; rows lacking either value (or holding a
     * non-number) contribute no point to that series. Numbers may be any {@link Number} or numeric string.
     */
    public static LineChart fromRows(String title, List<? extends Map<String, ?>> rows, String xKey,
                                     List<String> yKeys) {
        LineChart chart = new LineChart(title).xLabel(xKey);
        for (String key : yKeys) {
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            int n = 0;
            for (Map<String, ?> row : rows) {
                double x = toDouble(row.get(xKey));
                double y = toDouble(row.get(key));
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                }
            }
            chart.series(key, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
        }
        return chart;
    }

    public LineChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    public LineChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** A base-10 logarithmic y axis (losses spanning decades); non-positive values are skipped. */
    public LineChart logY(boolean on) {
        this.logY = on;
        return this;
    }

    public LineChart size(int widthPx, int heightPx) {
        if (widthPx < 200 || heightPx < 120) {
            throw new IllegalArgumentException("chart size must be at least 200x120, got " + widthPx + "x" + heightPx);
        }
        this.width = widthPx;
        this.height = heightPx;
        return this;
    }

    /** Adds a series; {@code xs} and {@code ys} must have the same length. */
    public LineChart series(String name, double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series " + name + ": " + xs.length + " x values but "
                    + ys.length + " y values");
        }
        series.add(new Series(name, xs.clone(), ys.clone()));
        return this;
    }

    @Override
    public String toSvg() {
        List<Series> plotted = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            Series clean = decimate(usable(s));
            plotted.add(clean);
            for (int i = 0; i < clean.xs.length; i++) {
                xMin = Math.min(xMin, clean.xs[i]);
                xMax = Math.max(xMax, clean.xs[i]);
                yMin = Math.min(yMin, clean.ys[i]);
                yMax = Math.max(yMax, clean.ys[i]);
            }
        }
        boolean empty = xMin > xMax;
        Axis xAxis = empty ? Axis.nice(0, 1, 6) : Axis.nice(xMin, xMax, 6);
        Axis yAxis = empty ? Axis.nice(0, 1, 5) : logY ? logAxis(yMin, yMax) : Axis.nice(yMin, yMax, 5);

        double left = 64;
        double right = width - 16;
        double top = 48;
        double bottom = height - 44;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<text x=\"").append(Html.coord(left)).append("\" y=\"18\" class=\"title\">")
                .append(Html.escape(title)).append("</text>\n");
        legend(svg, left, 36);
        // Grid and tick labels.
        for (double t : yAxis.ticks()) {
            double y = yAxis.scale(t, bottom, top);
            svg.append("<line class=\"grid\" x1=\"").append(Html.coord(left)).append("\" x2=\"")
                    .append(Html.coord(right)).append("\" y1=\"").append(Html.coord(y)).append("\" y2=\"")
                    .append(Html.coord(y)).append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(Html.coord(left - 6))
                    .append("\" y=\"").append(Html.coord(y + 4)).append("\">")
                    .append(Html.escape(Html.number(logY ? Math.pow(10, t) : t))).append("</text>\n");
        }
        for (double t : xAxis.ticks()) {
            double x = xAxis.scale(t, left, right);
            svg.append("<line class=\"tickmark\" x1=\"").append(Html.coord(x)).append("\" x2=\"")
                    .append(Html.coord(x)).append("\" y1=\"").append(Html.coord(bottom)).append("\" y2=\"")
                    .append(Html.coord(bottom + 4)).append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(Html.coord(x))
                    .append("\" y=\"").append(Html.coord(bottom + 16)).append("\">")
                    .append(Html.escape(Html.number(t))).append("</text>\n");
        }
        svg.append("<rect class=\"frame\" x=\"").append(Html.coord(left)).append("\" y=\"").append(Html.coord(top))
                .append("\" width=\"").append(Html.coord(right - left)).append("\" height=\"")
                .append(Html.coord(bottom - top)).append("\"/>\n");
        svg.append("<text class=\"label\" text-anchor=\"middle\" x=\"").append(Html.coord((left + right) / 2))
                .append("\" y=\"").append(Html.coord(height - 8)).append("\">").append(Html.escape(xLabel))
                .append("</text>\n");
        if (!yLabel.isEmpty()) {
            svg.append("<text class=\"label\" text-anchor=\"middle\" transform=\"translate(14,")
                    .append(Html.coord((top + bottom) / 2)).append(") rotate(-90)\">").append(Html.escape(yLabel))
                    .append("</text>\n");
        }
        if (empty) {
            svg.append("<text class=\"label\" text-anchor=\"middle\" x=\"").append(Html.coord((left + right) / 2))
                    .append("\" y=\"").append(Html.coord((top + bottom) / 2)).append("\">no data</text>\n");
        }
        for (int si = 0; si < plotted.size(); si++) {
            Series s = plotted.get(si);
            if (s.xs.length == 0) {
                continue;
            }
            String color = Palette.color(si);
            if (s.xs.length == 1) {
                svg.append("<circle cx=\"").append(Html.coord(xAxis.scale(s.xs[0], left, right)))
                        .append("\" cy=\"").append(Html.coord(yAxis.scale(s.ys[0], bottom, top)))
                        .append("\" r=\"3\" fill=\"").append(color).append("\"><title>")
                        .append(Html.escape(s.name + ": " + Html.number(shown(s.ys[0])))).append("</title></circle>\n");
                continue;
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(color).append("\" points=\"");
            for (int i = 0; i < s.xs.length; i++) {
                if (i > 0) {
                    svg.append(' ');
                }
                svg.append(Html.coord(xAxis.scale(s.xs[i], left, right))).append(',')
                        .append(Html.coord(yAxis.scale(s.ys[i], bottom, top)));
            }
            svg.append("\"><title>").append(Html.escape(s.name + " (last " + Html.number(shown(s.ys[s.ys.length - 1]))
                    + ")")).append("</title></polyline>\n");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private void legend(StringBuilder svg, double left, double y) {
        double x = left;
        for (int si = 0; si < series.size(); si++) {
            String name = series.get(si).name;
            svg.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y - 9))
                    .append("\" width=\"12\" height=\"4\" fill=\"").append(Palette.color(si)).append("\"/>");
            svg.append("<text class=\"legend\" x=\"").append(Html.coord(x + 16)).append("\" y=\"")
                    .append(Html.coord(y - 4)).append("\">").append(Html.escape(name)).append("</text>\n");
            x += 28 + 7 * name.length();
        }
    }

    /** The y value as shown to people (undoing the log transform). */
    private double shown(double y) {
        return logY ? Math.pow(10, y) : y;
    }

    private Series usable(Series s) {
        double[] xs = new double[s.xs.length];
        double[] ys = new double[s.ys.length];
        int n = 0;
        for (int i = 0; i < s.xs.length; i++) {
            double y = s.ys[i];
            if (!Double.isFinite(s.xs[i]) || !Double.isFinite(y) || (logY && y <= 0)) {
                continue;
            }
            xs[n] = s.xs[i];
            ys[n] = logY ? Math.log10(y) : y;
            n++;
        }
        return new Series(s.name, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
    }

    /** Keeps each bucket's first-in-order minimum and maximum so peaks survive the thinning. */
    static Series decimate(Series s) {
        int n = s.xs.length;
        if (n <= MAX_POINTS) {
            return s;
        }
        int buckets = MAX_POINTS / 2;
        double[] xs = new double[buckets * 2];
        double[] ys = new double[buckets * 2];
        int out = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            if (from >= to) {
                continue;
            }
            int iMin = from;
            int iMax = from;
            for (int i = from; i < to; i++) {
                if (s.ys[i] < s.ys[iMin]) {
                    iMin = i;
                }
                if (s.ys[i] > s.ys[iMax]) {
                    iMax = i;
                }
            }
            int first = Math.min(iMin, iMax);
            int second = Math.max(iMin, iMax);
            xs[out] = s.xs[first];
            ys[out++] = s.ys[first];
            if (second != first) {
                xs[out] = s.xs[second];
                ys[out++] = s.ys[second];
            }
        }
        return new Series(s.name, java.util.Arrays.copyOf(xs, out), java.util.Arrays.copyOf(ys, out));
    }

    /** Integer decades covering the (already log10) range. */
    private static Axis logAxis(double lo, double hi) {
        double start = Math.floor(lo);
        double end = Math.ceil(hi);
        if (end == start) {
            end = start + 1;
        }
        List<Double> ticks = new ArrayList<>();
        long step = Math.max(1, Math.round((end - start) / 6));
        for (double t = start; t <= end + 1e-9; t += step) {
            ticks.add(t);
        }
        return new Axis(start, end, List.copyOf(ticks));
    }

    static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return node.isNumber() ? node.doubleValue() : node.isTextual() ? toDouble(node.textValue()) : Double.NaN;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
