package io.step3vl.eval.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * predictions.jsonl as a resumable cache. Each finished item is appended as one line and forced to
 * disk ({@link AtomicFiles#appendLine}), so a killed run loses at most the items in flight. On open
 * the file is indexed by key (line offsets only: a PaCoRe cache with long reasoning need not fit in
 * memory); a torn last line from a kill is skipped. A later line with the same key wins. Lines whose
 * key no current item asks for (an old prompt or setting) stay in the file and are simply not used.
 */
public final class PredictionCache {
    private final Path file;
    private final Map<String, long[]> index = new HashMap<>();
    private int skippedLines;

    private PredictionCache(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the cache at {@code file}. */
    public static PredictionCache open(Path file) {
        PredictionCache cache = new PredictionCache(file);
        if (Files.exists(file)) {
            cache.load();
        }
        return cache;
    }

    public Path file() {
        return file;
    }

    /** Saved predictions available. */
    public synchronized int size() {
        return index.size();
    }

    /** Lines that could not be read (a torn write at a kill): reported, then ignored. */
    public int skippedLines() {
        return skippedLines;
    }

    public synchronized boolean contains(String key) {
        return index.containsKey(key);
    }

    /** The saved prediction for {@code key}, read from disk. */
    public Optional<Prediction> get(String key) {
        long[] span;
        synchronized (this) {
            span = index.get(key);
        }
        if (span == null) {
            return Optional.empty();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) span[1]];
            raf.seek(span[0]);
            raf.readFully(bytes);
            return Optional.of(Json.MAPPER.readValue(bytes, Prediction.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " at byte " + span[0], e);
        }
    }

    /** Appends and indexes one prediction; thread-safe. */
    public synchronized void put(Prediction p) {
        byte[] line = Json.line(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long offset;
        try {
            offset = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
        AtomicFiles.appendLine(file, new String(line, java.nio.charset.StandardCharsets.UTF_8));
        index.put(p.key(), new long[] {offset, line.length});
    }

    private void load() {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            long lineStart = 0;
            while ((b = in.read()) != -1) {
                offset++;
                if (b == '\n') {
                    indexLine(line.toByteArray(), lineStart);
                    line.reset();
                    lineStart = offset;
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                skippedLines++; // no newline: the writer was killed mid-line
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (tornTail()) {
            // End the torn line so the next append starts a line of its own instead of gluing onto it.
            AtomicFiles.appendLine(file, "");
        }
    }

    private boolean tornTail() {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) {
                return false;
            }
            raf.seek(len - 1);
            return raf.read() != '\n';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void indexLine(byte[] bytes, long offset) {
        if (bytes.length == 0) {
            return;
        }
        String key = keyOf(bytes);
        if (key == null) {
            skippedLines++;
            return;
        }
        index.put(key, new long[] {offset, bytes.length});
    }

    /** The "key" field without parsing the rest; null when the line is not a complete JSON object. */
    private static String keyOf(byte[] bytes) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String key = null;
            int depth = 1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 0) {
                        return key; // complete object
                    }
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && "key".equals(p.currentName())) {
                    p.nextToken();
                    key = p.getValueAsString();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
