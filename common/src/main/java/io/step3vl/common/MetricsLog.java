package io.step3vl.common;

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

    /** Appends {@code values} (in insertion order) with a wall-clock {@code time} field. */
    public void log(Map<String, ?> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("time", System.currentTimeMillis() / 1000.0);
        AtomicFiles.appendLine(file, Json.line(row));
    }
}
