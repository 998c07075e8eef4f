package io.step3vl.common.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Horizontal grouped bars: one row per category (so long names and many categories stay readable),
 * one bar per series within a row, each with an optional error interval (e.g. a 95% CI). Values may be
 * missing ({@code NaN}): no bar is drawn for them. The value axis starts at zero unless a value is
 * negative, or is fixed with {@link #range}.
 */
public final class BarChart implements Chart {
    private static final int LABEL_CHARS = 34;

    private final String title;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private String valueLabel = "";
    private Double fixedMin;
    private Double fixedMax;
    private int width = 720;

    private record Series(String name, double[] values, double[] lower, double[] upper) {}

    private BarChart(String title, List<String> categories) {
        this.title = Objects.requireNonNull(title, "title");
        this.categories = List.copyOf(categories);
    }

    public static BarChart titled(String title, List<String> categories) {
        return new BarChart(title, categories);
    }

    public BarChart valueLabel(String label) {
        this.valueLabel = label == null ? "" : label;
        return this;
    }

    /** Fixes the value axis, e.g. {@code range(0, 1)} for accuracies. */
    public BarChart range(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("range needs min < max, got " + min + ".." + max);
        }
        this.fixedMin = min;
        this.fixedMax = max;
        return this;
    }

    public BarChart width(int px) {
        if (px < 300) {
            throw new IllegalArgumentException("bar chart width must be at least 300, got " + px);
        }
        this.width = px;
        return this;
    }

    /** A series without error bars; one value per category. */
    public BarChart series(String name, double[] values) {
        return series(name, values, null, null);
    }

    /** A series with error intervals {@code [lower[i], upper[i]]} (either array may be null for none). */
    public BarChart series(String name, double[] values, double[] lower, double[] upper) {
        check(name, values);
        if (lower != null) {
            check(name, lower);
        }
        if (upper != null) {
            check(name, upper);
        }
        series.add(new Series(name, values.clone(), lower == null ? null : lower.clone(),
                upper == null ? null : upper.clone()));
        return this;
    }

    private void check(String name, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("series " + name + ": " + values.length + " values for "
                    + categories.size() + " categories");
        }
    }

    @Override
    public String toSvg() {
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (int i = 0; i < categories.size(); i++) {
                for (double v : new double[] {s.values[i], s.lower == null ? Double.NaN : s.lower[i],
                        s.upper == null ? Double.NaN : s.upper[i]}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        Axis axis = fixedMin != null ? Axis.fixed(fixedMin, fixedMax, 5) : Axis.nice(lo, hi == lo ? lo + 1 : hi, 5);
        int barH = 14;
        int groupGap = 10;
        int groupH = Math.max(1, series.size()) * barH + groupGap;
        int legendH = series.size() > 1 ? 20 : 0;
        double top = 30 + legendH;
        double left = 8 + LABEL_CHARS * 6.2;
        double right = width - 56;
        double bottom = top + Math.max(1, categories.size()) * groupH;
        int height = (int) Math.ceil(bottom + 40);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<text x=\"8\" y=\"18\" class=\"title\">").append(Html.escape(title)).append("</text>\n");
        if (series.size() > 1) {
            double x = left;
            for (int si = 0; si < series.size(); si++) {
                String name = series.get(si).name;
                svg.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(top - 22))
                        .append("\" width=\"10\" height=\"10\" fill=\"").append(Palette.color(si)).append("\"/>");
                svg.append("<text class=\"legend\" x=\"").append(Html.coord(x + 14)).append("\" y=\"")
                        .append(Html.coord(top - 13)).append("\">").append(Html.escape(name)).append("</text>\n");
                x += 28 + 7 * name.length();
            }
        }
        for (double t : axis.ticks()) {
            double x = axis.scale(t, left, right);
            svg.append("<line class=\"grid\" x1=\"").append(Html.coord(x)).append("\" x2=\"").append(Html.coord(x))
                    .append("\" y1=\"").append(Html.coord(top)).append("\" y2=\"").append(Html.coord(bottom))
                    .append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(Html.coord(x)).append("\" y=\"")
                    .append(Html.coord(bottom + 14)).append("\">").append(Html.escape(Html.number(t)))
                    .append("</text>\n");
        }
        if (!valueLabel.isEmpty()) {
            svg.append("<text class=\"label\" text-anchor=\"middle\" x=\"").append(Html.coord((left + right) / 2))
                    .append("\" y=\"").append(Html.coord(bottom + 32)).append("\">").append(Html.escape(valueLabel))
                    .append("</text>\n");
        }
        double zero = axis.scale(Math.max(axis.min(), Math.min(axis.max(), 0)), left, right);
        for (int ci = 0; ci < categories.size(); ci++) {
            String category = categories.get(ci);
            double groupTop = top + ci * groupH + groupGap / 2.0;
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(Html.coord(left - 6)).append("\" y=\"")
                    .append(Html.coord(groupTop + groupH / 2.0 - groupGap / 2.0 + 4)).append("\"><title>")
                    .append(Html.escape(category)).append("</title>").append(Html.escape(shorten(category)))
                    .append("</text>\n");
            for (int si = 0; si < series.size(); si++) {
                Series s = series.get(si);
                double v = s.values[ci];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double clamped = Math.max(axis.min(), Math.min(axis.max(), v));
                double x = axis.scale(clamped, left, right);
                double y = groupTop + si * barH;
                String tip = (series.size() > 1 ? s.name + ", " : "") + category + ": " + Html.number(v)
                        + interval(s, ci);
                svg.append("<rect x=\"").append(Html.coord(Math.min(x, zero))).append("\" y=\"").append(Html.coord(y))
                        .append("\" width=\"").append(Html.coord(Math.abs(x - zero))).append("\" height=\"")
                        .append(barH - 2).append("\" fill=\"").append(Palette.color(si)).append("\"><title>")
                        .append(Html.escape(tip)).append("</title></rect>\n");
                if (s.lower != null && s.upper != null && Double.isFinite(s.lower[ci]) && Double.isFinite(s.upper[ci])) {
                    double x0 = axis.scale(Math.max(axis.min(), s.lower[ci]), left, right);
                    double x1 = axis.scale(Math.min(axis.max(), s.upper[ci]), left, right);
                    double ym = y + (barH - 2) / 2.0;
                    svg.append("<path class=\"err\" d=\"M").append(Html.coord(x0)).append(',').append(Html.coord(ym))
                            .append("H").append(Html.coord(x1)).append("M").append(Html.coord(x0)).append(',')
                            .append(Html.coord(ym - 4)).append("v8M").append(Html.coord(x1)).append(',')
                            .append(Html.coord(ym - 4)).append("v8\"/>\n");
                }
                svg.append("<text class=\"value\" x=\"").append(Html.coord(Math.max(x, zero) + 4)).append("\" y=\"")
                        .append(Html.coord(y + barH - 4)).append("\">").append(Html.escape(Html.number(v)))
                        .append("</text>\n");
            }
        }
        svg.append("<line class=\"axis\" x1=\"").append(Html.coord(zero)).append("\" x2=\"").append(Html.coord(zero))
                .append("\" y1=\"").append(Html.coord(top)).append("\" y2=\"").append(Html.coord(bottom)).append("\"/>\n");
        svg.append("</svg>");
        return svg.toString();
    }

    private static String interval(Series s, int i) {
        if (s.lower == null || s.upper == null || !Double.isFinite(s.lower[i]) || !Double.isFinite(s.upper[i])) {
            return "";
        }
        return " [" + Html.number(s.lower[i]) + ", " + Html.number(s.upper[i]) + "]";
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }
}
