package io.step3vl.common.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table of cells. Numbers are formatted with {@link Html#number} and right-aligned; {@code null}
 * shows as an empty cell; everything else is shown as its escaped {@code toString()}.
 */
public final class Table {
    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();
    private String caption = "";

    public Table(List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.copyOf(headers);
    }

    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    public Table caption(String text) {
        this.caption = text == null ? "" : text;
        return this;
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    public Table row(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has "
                    + headers.size() + " columns");
        }
        rows.add(Collections.unmodifiableList(new ArrayList<>(cells)));
        return this;
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<Object>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The table as an HTML element. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table>\n");
        if (!caption.isEmpty()) {
            sb.append("<caption>").append(Html.escape(caption)).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(Html.escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            sb.append("<tr>");
            for (Object cell : row) {
                boolean numeric = cell instanceof Number;
                sb.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(text(cell))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /** The table as GitHub-flavoured Markdown (pipes and newlines in cells escaped). */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        for (String h : headers) {
            sb.append(' ').append(markdownCell(h)).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < headers.size(); i++) {
            int column = i;
            boolean numeric = rows.stream().anyMatch(r -> r.get(column) instanceof Number)
                    && rows.stream().allMatch(r -> r.get(column) == null || r.get(column) instanceof Number);
            sb.append(numeric ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (List<Object> row : rows) {
            sb.append('|');
            for (Object cell : row) {
                sb.append(' ').append(markdownCell(text(cell))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double || cell instanceof Float) {
            return Html.number(((Number) cell).doubleValue());
        }
        return cell.toString();
    }

    private static String markdownCell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
