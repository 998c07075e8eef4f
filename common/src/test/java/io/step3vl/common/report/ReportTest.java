package io.step3vl.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportTest {

    static Document parseSvg(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void escapesMarkupQuotesAndControlCharacters() {
        assertThat(Html.escape("<b>\"x\" & 'y'</b>\u0001")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;\uFFFD");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void formatsNumbersForPeople() {
        assertThat(Html.number(3)).isEqualTo("3");
        assertThat(Html.number(0.73456)).isEqualTo("0.7346");
        assertThat(Html.number(0.5)).isEqualTo("0.5");
        assertThat(Html.number(-2.25)).isEqualTo("-2.25");
        assertThat(Html.number(1.5e-5)).isEqualTo("1.50e-05");
        assertThat(Html.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void niceAxisCoversTheDataWithRoundTicks() {
        Axis a = Axis.nice(0.13, 0.87, 5);
        assertThat(a.min()).isLessThanOrEqualTo(0.13);
        assertThat(a.max()).isGreaterThanOrEqualTo(0.87);
        assertThat(a.ticks()).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        Axis flat = Axis.nice(5, 5, 5);
        assertThat(flat.max()).isGreaterThan(flat.min());
        assertThat(Axis.fixed(0, 1, 5).ticks()).first().isEqualTo(0.0);
        assertThat(Axis.fixed(0, 1, 5).ticks()).last().isEqualTo(1.0);
    }

    @Test
    void lineChartFromRowsSkipsMissingValuesPerSeries() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int step = 1; step <= 10; step++) {
            Map<String, Object> row = new HashMap<>();
            row.put("step", step);
            row.put("loss", 3.0 / step);
            if (step % 5 == 0) {
                row.put("val_loss", String.valueOf(3.5 / step));
            }
            rows.add(row);
        }
        String svg = LineChart.fromRows("loss <run>", rows, "step", List.of("loss", "val_loss")).toSvg();
        Document doc = parseSvg(svg);
        NodeList lines = doc.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(10);
        assertThat(((Element) lines.item(1)).getAttribute("points").split(" ")).hasSize(2);
        assertThat(svg).contains("loss &lt;run&gt;");
    }

    @Test
    void lineChartPlacesPointsWithinThePlotAndHigherValuesHigher() throws Exception {
        String svg = LineChart.titled("t").series("s", new double[] {0, 1, 2}, new double[] {1, 2, 3}).toSvg();
        String[] pts = ((Element) parseSvg(svg).getElementsByTagName("polyline").item(0)).getAttribute("points").split(" ");
        double y0 = Double.parseDouble(pts[0].split(",")[1]);
        double y2 = Double.parseDouble(pts[2].split(",")[1]);
        assertThat(y2).isLessThan(y0); // SVG y grows downwards
        double x0 = Double.parseDouble(pts[0].split(",")[0]);
        double x2 = Double.parseDouble(pts[2].split(",")[0]);
        assertThat(x2).isGreaterThan(x0);
    }

    @Test
    void logAxisDropsNonPositiveValues() throws Exception {
        String svg = LineChart.titled("t").logY(true)
                .series("s", new double[] {0, 1, 2, 3}, new double[] {10, 0, 1, 0.1}).toSvg();
        String pts = ((Element) parseSvg(svg).getElementsByTagName("polyline").item(0)).getAttribute("points");
        assertThat(pts.split(" ")).hasSize(3);
    }

    @Test
    void decimationKeepsSpikes() {
        int n = 100_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = 1.0;
        }
        ys[54_321] = 99.0;
        String svg = LineChart.titled("t").series("s", xs, ys).toSvg();
        assertThat(svg.length()).isLessThan(60_000);
        assertThat(svg).contains("<text class=\"tick\" text-anchor=\"end\" x=\"58.00\" y=\"");
        // the spike sets the axis top, so a tick at 100 exists
        assertThat(svg).contains(">100</text>");
    }

    @Test
    void emptyChartSaysNoData() throws Exception {
        String svg = LineChart.titled("t").series("s", new double[0], new double[0]).toSvg();
        parseSvg(svg);
        assertThat(svg).contains("no data");
    }

    @Test
    void barLengthsAreProportionalOnAFixedRange() throws Exception {
        String svg = BarChart.titled("acc", List.of("a", "b & c"))
                .range(0, 1)
                .series("sere", new double[] {0.5, 1.0}, new double[] {0.4, 0.9}, new double[] {0.6, 1.0})
                .series("pacore", new double[] {0.25, Double.NaN})
                .toSvg();
        Document doc = parseSvg(svg);
        NodeList rects = doc.getElementsByTagName("rect");
        List<Double> widths = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getElementsByTagName("title").getLength() > 0) {
                widths.add(Double.parseDouble(r.getAttribute("width")));
            }
        }
        assertThat(widths).hasSize(3); // the NaN bar is not drawn
        // drawn per category, then per series: a/sere 0.5, a/pacore 0.25, b/sere 1.0
        assertThat(widths.get(0) / widths.get(2)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(widths.get(1) / widths.get(2)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(2);
        assertThat(svg).contains("b &amp; c");
    }

    @Test
    void barChartRejectsMismatchedSeries() {
        assertThatThrownBy(() -> BarChart.titled("x", List.of("a", "b")).series("s", new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 2 categories");
    }

    @Test
    void tableRendersHtmlAndMarkdown() {
        Table t = Table.of("dataset", "acc").row("a|b", 0.5).row("<x>", 1);
        assertThat(t.toMarkdown()).isEqualTo("| dataset | acc |\n| --- | ---: |\n| a\\|b | 0.5 |\n| <x> | 1 |\n");
        assertThat(t.toHtml()).contains("<td>&lt;x&gt;</td><td class=\"num\">1</td>");
        assertThatThrownBy(() -> t.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportIsSelfContainedAndWrittenAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.titled("run <1>").subtitle("sub").section("S").paragraph("p & q")
                .keyValues(Map.of("k", 1.25)).table(Table.of("a").row("b"))
                .chart(BarChart.titled("c", List.of("x")).series("s", new double[] {1}))
                .details("more", "<raw>").write(file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>run &lt;1&gt;</title>")
                .contains("p &amp; q").contains("<dd>1.25</dd>").contains("&lt;raw&gt;").doesNotContain("<script")
                .doesNotContain("src=").doesNotContain("href=");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
