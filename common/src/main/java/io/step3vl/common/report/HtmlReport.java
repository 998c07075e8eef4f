package io.step3vl.common.report;

import io.step3vl.common.AtomicFiles;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one self-contained HTML page top to bottom: headings, paragraphs, key/value lists, tables,
 * charts, preformatted text and collapsible details. Styles are inline; there is no script and no
 * external resource, so the file can be mailed, archived or opened offline.
 *
 * <pre>{@code
 * HtmlReport.titled("sft run 12")
 *     .keyValues(Map.of("steps", 1200, "final loss", 1.84))
 *     .section("Loss")
 *     .chart(LineChart.fromRows("loss", rows, "step", List.of("loss", "val_loss")))
 *     .write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1040px;\
            padding:0 16px;color:#1d1d1f;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
            .subtitle{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
            th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}
            th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
            caption{caption-side:top;text-align:left;color:#555;padding-bottom:4px}
            dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dl.kv dt{color:#555}\
            dl.kv dd{margin:0}
            pre{background:#f7f7f9;border:1px solid #e4e4e8;padding:8px;overflow-x:auto;white-space:pre-wrap;\
            word-break:break-word;font-size:.88em}
            details{margin:.4em 0}summary{cursor:pointer}
            svg.chart{display:block;margin:.6em 0 1.2em;font-size:11px}svg .title{font-size:13px;font-weight:600}
            svg .grid{stroke:#e6e6e6}svg .tickmark{stroke:#999}svg .frame{fill:none;stroke:#bbb}
            svg .axis{stroke:#666}svg .err{stroke:#333;fill:none}svg .tick,svg .legend,svg .value{fill:#333}
            svg .label{fill:#555}
            .footer{color:#888;font-size:.85em;margin-top:2em}
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private String subtitle = "";

    private HtmlReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public static HtmlReport titled(String title) {
        return new HtmlReport(title);
    }

    /** A grey line under the title (what produced the report, when). */
    public HtmlReport subtitle(String text) {
        this.subtitle = text == null ? "" : text;
        return this;
    }

    public HtmlReport section(String heading) {
        body.append("<h2>").append(Html.escape(heading)).append("</h2>\n");
        return this;
    }

    public HtmlReport subsection(String heading) {
        body.append("<h3>").append(Html.escape(heading)).append("</h3>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column list of labels and values (values formatted like table cells). */
    public HtmlReport keyValues(Map<String, ?> values) {
        body.append("<dl class=\"kv\">\n");
        values.forEach((k, v) -> body.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
                .append(Html.escape(Table.text(v))).append("</dd>\n"));
        body.append("</dl>\n");
        return this;
    }

    public HtmlReport table(Table table) {
        body.append(table.toHtml()).append('\n');
        return this;
    }

    public HtmlReport chart(Chart chart) {
        body.append(chart.toSvg()).append('\n');
        return this;
    }

    public HtmlReport preformatted(String text) {
        body.append("<pre>").append(Html.escape(text)).append("</pre>\n");
        return this;
    }

    /** A collapsed block: {@code summary} always visible, {@code text} shown preformatted on click. */
    public HtmlReport details(String summary, String text) {
        body.append("<details><summary>").append(Html.escape(summary)).append("</summary><pre>")
                .append(Html.escape(text)).append("</pre></details>\n");
        return this;
    }

    /** The whole page. */
    public String render() {
        String generated = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>" + Html.escape(title) + "</h1>\n"
                + (subtitle.isEmpty() ? "" : "<p class=\"subtitle\">" + Html.escape(subtitle) + "</p>\n")
                + body
                + "<p class=\"footer\">Generated by step3vl at " + generated + ".</p>\n</body>\n</html>\n";
    }

    /** Renders and writes the page atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, render());
    }
}
