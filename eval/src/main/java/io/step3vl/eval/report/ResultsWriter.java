package io.step3vl.eval.report;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.common.report.BarChart;
import io.step3vl.common.report.HtmlReport;
import io.step3vl.common.report.Table;
import io.step3vl.eval.run.DatasetInfo;
import io.step3vl.eval.run.FailureExample;
import io.step3vl.eval.run.RunInfo;
import io.step3vl.eval.run.ScoredItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's results: scores.jsonl (one verdict per item and mode), results.json (the
 * {@link #resultsObject} that {@code --json} prints), results.md (Markdown tables) and report.html
 * (mode comparison, per-category bars, token/latency table, example failures). Every file is
 * written atomically.
 */
public final class ResultsWriter {
    private ResultsWriter() {}

    /** The results object: {@code {"run": ..., "results": [...]}}. */
    public static Map<String, Object> resultsObject(RunInfo info, List<Summary> summaries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", info);
        out.put("results", summaries);
        return out;
    }

    public static void writeAll(Path dir, RunInfo info, List<ScoredItem> items, List<Summary> summaries,
                                List<FailureExample> failures) {
        writeScores(dir.resolve("scores.jsonl"), items);
        AtomicFiles.writeString(dir.resolve("results.json"), Json.pretty(resultsObject(info, summaries)) + "\n");
        AtomicFiles.writeString(dir.resolve("results.md"), markdown(info, summaries));
        html(info, summaries, failures).write(dir.resolve("report.html"));
    }

    public static void writeScores(Path file, List<ScoredItem> items) {
        AtomicFiles.write(file, out -> {
            for (ScoredItem s : items) {
                out.write((Json.line(s) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** The headline table: one row per dataset and mode. */
    static Table overview(List<Summary> summaries) {
        Table t = Table.of("dataset", "mode", "n", "metric", "score", "95% CI", "errors", "pass@k", "mean@k",
                "completion tokens/item", "latency p50 (s)");
        for (Summary s : summaries) {
            t.row(s.dataset(), s.mode(), s.n(), s.metric(), round(s.accuracy()), ci(s.ci95()), s.errors(),
                    s.passAtK() == null ? null : round(s.passAtK()), s.meanAtK() == null ? null : round(s.meanAtK()),
                    round(s.tokens().completionPerItem()), s.latencyS() == null ? null : round(s.latencyS().p50()));
        }
        return t;
    }

    /** Category rows, one score column per mode, for one dataset. */
    static Table categories(String dataset, List<Summary> summaries, boolean l2) {
        List<Summary> mine = summaries.stream().filter(s -> s.dataset().equals(dataset)).toList();
        Set<String> names = new LinkedHashSet<>();
        for (Summary s : mine) {
            List<Summary.Group> groups = l2 ? s.l2Categories() : s.categories();
            if (groups != null) {
                groups.forEach(g -> names.add(g.name()));
            }
        }
        List<String> headers = new ArrayList<>(List.of(l2 ? "l2-category" : "category", "n"));
        mine.forEach(s -> headers.add(s.mode()));
        Table t = new Table(headers);
        for (String name : names) {
            List<Object> row = new ArrayList<>();
            row.add(name);
            Integer n = null;
            List<Object> cells = new ArrayList<>();
            for (Summary s : mine) {
                Summary.Group g = find(l2 ? s.l2Categories() : s.categories(), name);
                if (g != null && n == null) {
                    n = g.n();
                }
                cells.add(g == null ? null : round(g.accuracy()));
            }
            row.add(n);
            row.addAll(cells);
            t.row(row);
        }
        return t;
    }

    public static String markdown(RunInfo info, List<Summary> summaries) {
        StringBuilder md = new StringBuilder("# Evaluation results\n\n");
        if (info != null) {
            md.append("- backend: `").append(info.backend()).append("`\n");
            md.append("- sampling: `").append(Json.line(info.sampling())).append("`\n");
            md.append("- seed: ").append(info.seed()).append(", modes: ").append(String.join(", ", info.modes()))
                    .append(", verifier (best-of): ").append(info.verifier())
                    .append(info.judge() != null ? " (" + info.judge() + ")" : "").append('\n');
            md.append("- scored: ").append(info.scoreReasoning() ? "whole replies, reasoning included"
                    : "the answer after the last </think>").append('\n');
            md.append("- finished: ").append(info.finishedAt()).append(String.format(Locale.ROOT,
                    " (%.1f s; %d generated, %d from cache, %d failed)%n", info.wallSeconds(), info.generated(),
                    info.reused(), info.failed()));
        }
        md.append('\n').append(overview(summaries).toMarkdown());
        for (String dataset : datasets(summaries)) {
            Table cats = categories(dataset, summaries, false);
            if (!cats.rows().isEmpty()) {
                md.append("\n## ").append(dataset).append(" by category\n\n").append(cats.toMarkdown());
            }
            Table l2 = categories(dataset, summaries, true);
            if (!l2.rows().isEmpty()) {
                md.append("\n## ").append(dataset).append(" by l2-category\n\n").append(l2.toMarkdown());
            }
        }
        if (info != null && info.datasets() != null) {
            md.append("\n## How answers were scored\n\n");
            for (DatasetInfo d : info.datasets()) {
                md.append("- **").append(d.name()).append("** (").append(d.path()).append("): scorer `")
                        .append(d.scorer()).append('`')
                        .append(d.scorerOptions() == null || d.scorerOptions().isEmpty() ? "" : " " + Json.line(d.scorerOptions()))
                        .append("; prompt ").append(d.prompt()).append("; rules: ").append(d.rules()).append('\n');
            }
        }
        return md.toString();
    }

    public static HtmlReport html(RunInfo info, List<Summary> summaries, List<FailureExample> failures) {
        HtmlReport r = HtmlReport.titled("step3vl eval")
                .subtitle(info == null ? "" : info.backend() + " — finished " + info.finishedAt());
        if (info != null) {
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("backend", info.backend());
            kv.put("sampling", Json.line(info.sampling()));
            kv.put("seed", info.seed());
            kv.put("modes", String.join(", ", info.modes()));
            kv.put("best-of verifier", info.verifier() + (info.judge() != null ? " (" + info.judge() + ")" : ""));
            kv.put("scored text", info.scoreReasoning() ? "whole reply, reasoning included" : "answer after the last </think>");
            kv.put("items", info.generated() + " generated, " + info.reused() + " from cache, " + info.failed() + " failed");
            kv.put("wall time (s)", Math.round(info.wallSeconds() * 10) / 10.0);
            r.keyValues(kv);
        }
        r.section("Results").table(overview(summaries));
        List<String> datasets = datasets(summaries);
        List<String> modes = modes(summaries);
        BarChart comparison = BarChart.titled("Mode comparison (score with 95% CI)", datasets).range(0, 1)
                .valueLabel("mean score");
        for (String mode : modes) {
            double[] v = new double[datasets.size()];
            double[] lo = new double[datasets.size()];
            double[] hi = new double[datasets.size()];
            for (int i = 0; i < datasets.size(); i++) {
                Summary s = find(summaries, datasets.get(i), mode);
                v[i] = s == null ? Double.NaN : s.accuracy();
                lo[i] = s == null ? Double.NaN : s.ci95()[0];
                hi[i] = s == null ? Double.NaN : s.ci95()[1];
            }
            comparison.series(mode, v, lo, hi);
        }
        r.section("Mode comparison").chart(comparison);
        for (String dataset : datasets) {
            r.section(dataset);
            List<Summary> mine = summaries.stream().filter(s -> s.dataset().equals(dataset)).toList();
            categoryChart(r, dataset, mine, false);
            categoryChart(r, dataset, mine, true);
            Summary any = mine.get(0);
            if (any.extraction() != null) {
                r.paragraph("Scorer " + any.scorer() + ": " + any.extraction());
            }
            if (any.prompt() != null) {
                r.paragraph("Prompt: " + any.prompt());
            }
            Table usage = Table.of("mode", "prompt tokens", "completion tokens", "completion tokens/item", "latency mean (s)",
                    "p50", "p90", "p99", "max");
            for (Summary s : mine) {
                Summary.Latency l = s.latencyS();
                usage.row(s.mode(), s.tokens().prompt(), s.tokens().completion(), round(s.tokens().completionPerItem()),
                        l == null ? null : round(l.mean()), l == null ? null : round(l.p50()),
                        l == null ? null : round(l.p90()), l == null ? null : round(l.p99()), l == null ? null : round(l.max()));
            }
            r.subsection("Tokens and latency").table(usage);
            List<FailureExample> mineFailures = failures.stream().filter(f -> f.dataset().equals(dataset)).toList();
            if (!mineFailures.isEmpty()) {
                r.subsection("Example failures");
                for (FailureExample f : mineFailures) {
                    r.details(f.mode() + " · " + f.id() + " — expected " + f.expected() + ", got "
                                    + (f.extracted() == null ? "nothing" : f.extracted()) + " (" + f.reason() + ")",
                            "Question:\n" + f.question() + "\n\nReply:\n" + f.reply());
                }
            }
        }
        return r;
    }

    private static void categoryChart(HtmlReport r, String dataset, List<Summary> mine, boolean l2) {
        Set<String> names = new LinkedHashSet<>();
        for (Summary s : mine) {
            List<Summary.Group> g = l2 ? s.l2Categories() : s.categories();
            if (g != null) {
                g.forEach(x -> names.add(x.name()));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        List<String> cats = new ArrayList<>(names);
        BarChart chart = BarChart.titled(dataset + " by " + (l2 ? "l2-category" : "category"), cats).range(0, 1);
        for (Summary s : mine) {
            double[] v = new double[cats.size()];
            double[] lo = new double[cats.size()];
            double[] hi = new double[cats.size()];
            for (int i = 0; i < cats.size(); i++) {
                Summary.Group g = find(l2 ? s.l2Categories() : s.categories(), cats.get(i));
                v[i] = g == null ? Double.NaN : g.accuracy();
                lo[i] = g == null ? Double.NaN : g.ci95()[0];
                hi[i] = g == null ? Double.NaN : g.ci95()[1];
            }
            chart.series(s.mode(), v, lo, hi);
        }
        r.chart(chart);
    }

    static List<String> datasets(List<Summary> summaries) {
        Set<String> out = new LinkedHashSet<>();
        summaries.forEach(s -> out.add(s.dataset()));
        return new ArrayList<>(out);
    }

    static List<String> modes(List<Summary> summaries) {
        Set<String> out = new LinkedHashSet<>();
        summaries.forEach(s -> out.add(s.mode()));
        return new ArrayList<>(out);
    }

    private static Summary find(List<Summary> summaries, String dataset, String mode) {
        for (Summary s : summaries) {
            if (s.dataset().equals(dataset) && s.mode().equals(mode)) {
                return s;
            }
        }
        return null;
    }

    private static Summary.Group find(List<Summary.Group> groups, String name) {
        if (groups == null) {
            return null;
        }
        for (Summary.Group g : groups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String ci(double[] ci) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", ci[0], ci[1]);
    }
}
