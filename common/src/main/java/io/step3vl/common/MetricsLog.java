package io.step3vl.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * metrics.jsonl: one JSON object per line, appended and flushed as it happens so that a plot or a
 * report can be made from a run that is still going or was killed.
 */
public final class MetricsLog {
    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Drops the rows of steps after {@code step} (rows without a numeric {@code step} are kept), atomically:
     * a run resumed from its step-{@code step} checkpoint recomputes those steps, and each step must appear once.
     */
    public void truncateAfterStep(long step) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            StringBuilder kept = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.MAPPER.readTree(line);
                if (!row.path("step").isNumber() || row.get("step").asLong() <= step) {
                    kept.append(line).append('\n');
                }
            }
            AtomicFiles.writeString(file, kept.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code values} (in insertion order) with a wall-clock {@code time} field. */
    public void log(Map<String, ?> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("time", System.currentTimeMillis() / 1000.0);
        AtomicFiles.appendLine(file, Json.line(row));
    }
}
