package io.step3vl.train.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import io.step3vl.common.Json;
import io.step3vl.common.report.HtmlReport;
import io.step3vl.common.report.LineChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** report.html of a run: loss, learning rate and grad-norm charts from metrics.jsonl (self-contained). */
public final class TrainingReport {
    private TrainingReport() {}

    public static Path write(Path runDir, String title) {
        List<Map<String, Object>> rows = readMetrics(runDir.resolve("metrics.jsonl"));
        HtmlReport report = HtmlReport.titled("step3vl " + title + " run")
                .subtitle(runDir.toAbsolutePath().toString())
                .section("Training curves")
                .chart(LineChart.fromRows("Loss", rows, "step", List.of("loss")))
                .chart(LineChart.fromRows("Learning rate", rows, "step", List.of("lr")))
                .chart(LineChart.fromRows("Gradient norm (before clipping)", rows, "step", List.of("grad_norm")))
                .chart(LineChart.fromRows("Throughput (trained tokens/s)", rows, "step", List.of("tokens_per_s")));
        if (!rows.isEmpty()) {
            report.section("Last step").keyValues(rows.get(rows.size() - 1));
        }
        Path file = runDir.resolve("report.html");
        report.write(file);
        return file;
    }

    /** Reads metrics.jsonl, skipping a torn last line (a run killed mid-write). */
    static List<Map<String, Object>> readMetrics(Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
                } catch (IOException torn) {
                    // an incomplete final line from a killed run: ignore it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
