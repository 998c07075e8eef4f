/**
 * Self-contained HTML reports: one file with inline CSS and inline SVG charts, no scripts and no
 * network, so a report opens the same on an air-gapped machine as in a browser with a CDN.
 * {@link io.step3vl.common.report.HtmlReport} assembles sections, {@link io.step3vl.common.report.Table}s,
 * {@link io.step3vl.common.report.LineChart}s (metric rows, several series) and
 * {@link io.step3vl.common.report.BarChart}s (grouped bars with optional error bars).
 * Every piece of user text passes through {@link io.step3vl.common.report.Html#escape}.
 */
package io.step3vl.common.report;
