package io.step3vl.inference.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The results JSONL of a batch run: one line per finished item, appended and forced to disk as each
 * finishes. Opening it finds the ids already done and cuts off a torn last line (a kill during a
 * write) so that new lines never join onto it.
 */
public final class ResultsFile {
    private final Path file;
    private final Set<String> doneIds;
    private final long tornBytes;

    private ResultsFile(Path file, Set<String> doneIds, long tornBytes) {
        this.file = file;
        this.doneIds = doneIds;
        this.tornBytes = tornBytes;
    }

    public static ResultsFile open(Path file) {
        if (!Files.exists(file)) {
            return new ResultsFile(file, new HashSet<>(), 0);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            long torn = bytes.length - end;
            if (torn > 0) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                    ch.force(true);
                }
            }
            Set<String> ids = new HashSet<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    if (node != null && node.hasNonNull("id")) {
                        ids.add(node.get("id").asText());
                    }
                } catch (IOException notJson) {
                    // a line that is not JSON (edited by hand): it names no finished id
                }
            }
            return new ResultsFile(file, ids, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean done(String id) {
        synchronized (doneIds) {
            return doneIds.contains(id);
        }
    }

    public int doneCount() {
        synchronized (doneIds) {
            return doneIds.size();
        }
    }

    /** Bytes of a torn last line removed on open (0 normally). */
    public long tornBytes() {
        return tornBytes;
    }

    /** Appends one finished item's line and forces it to disk; thread-safe. */
    public void append(String id, JsonNode line) {
        String text = Json.line(line);
        synchronized (doneIds) {
            AtomicFiles.appendLine(file, text);
            doneIds.add(id);
        }
    }

    public Path path() {
        return file;
    }
}
