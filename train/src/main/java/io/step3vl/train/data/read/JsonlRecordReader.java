package io.step3vl.train.data.read;

import io.step3vl.train.data.RecordLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * JSONL records: one per non-blank line. Tracks the byte offset and line number of every record
 * so a position can seek straight back to it (uncompressed files) or skip to it (compressed). A line
 * longer than the limit is consumed to its end and returned as a defective record, so memory stays
 * bounded whatever the input.
 */
final class JsonlRecordReader implements RecordReader {
    private static final int CHUNK = 1 << 16;

    private final int fileIndex;
    private final String fileName;
    private final int maxRecordBytes;
    private final boolean seekable;
    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1024];
    /** Bytes of the decompressed stream consumed so far (the file offset when uncompressed). */
    private long offset;
    /** Lines consumed so far. */
    private long lines;
    /** Ordinal of the next record. */
    private long ordinal;

    private JsonlRecordReader(DataFile file, int fileIndex, InputStream in, long offset, long lines, long ordinal,
                              int maxRecordBytes) {
        this.fileIndex = fileIndex;
        this.fileName = file.path().toString();
        this.maxRecordBytes = maxRecordBytes;
        this.seekable = file.seekable();
        this.in = in;
        this.offset = offset;
        this.lines = lines;
        this.ordinal = ordinal;
    }

    static JsonlRecordReader open(DataFile file, int fileIndex, RecordLocation start, int maxRecordBytes)
            throws IOException {
        if (file.seekable()) {
            FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ);
            ch.position(Math.max(0, start.byteOffset()));
            return new JsonlRecordReader(file, fileIndex, Channels.newInputStream(ch), Math.max(0, start.byteOffset()),
                    start.line(), start.ordinal(), maxRecordBytes);
        }
        InputStream raw = java.nio.file.Files.newInputStream(file.path());
        JsonlRecordReader reader;
        try {
            reader = new JsonlRecordReader(file, fileIndex, file.compression().open(raw), 0, 0, 0, maxRecordBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        // A compressed stream cannot seek: read and drop the records before the start.
        while (reader.ordinal < start.ordinal()) {
            if (reader.next() == null) {
                break;
            }
        }
        return reader;
    }

    @Override
    public RawRecord next() throws IOException {
        while (true) {
            long start = offset;
            int length = readLine();
            if (length < 0) {
                return null;
            }
            lines++;
            if (length == Integer.MAX_VALUE) {
                RecordLocation loc = new RecordLocation(fileIndex, ordinal++, seekable ? start : -1, lines - 1);
                return new RawRecord(loc, "line " + lines, null, null, null,
                        "line longer than the " + maxRecordBytes + "-byte record limit");
            }
            if (isBlank(line, length)) {
                continue;
            }
            RecordLocation loc = new RecordLocation(fileIndex, ordinal++, seekable ? start : -1, lines - 1);
            return new RawRecord(loc, "line " + lines, Arrays.copyOf(line, length), null, null, null);
        }
    }

    @Override
    public RecordLocation nextLocation() {
        return new RecordLocation(fileIndex, ordinal, seekable ? offset : -1, lines);
    }

    /**
     * Reads up to and including the next '\n' into {@link #line} (without the line end); returns its
     * length, -1 at end of input, or {@code Integer.MAX_VALUE} when it exceeded the record limit.
     */
    private int readLine() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, CHUNK);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (!any) {
                        return -1;
                    }
                    break;
                }
            }
            any = true;
            int end = chunkPos;
            while (end < chunkLen && chunk[end] != '\n') {
                end++;
            }
            int n = end - chunkPos;
            if (!tooLong) {
                if ((long) length + n > maxRecordBytes) {
                    tooLong = true;
                } else {
                    ensure(length + n);
                    System.arraycopy(chunk, chunkPos, line, length, n);
                    length += n;
                }
            }
            offset += n;
            chunkPos = end;
            if (end < chunkLen) {
                chunkPos++; // the '\n'
                offset++;
                break;
            }
        }
        if (tooLong) {
            return Integer.MAX_VALUE;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, Math.min(maxRecordBytes, line.length * 2)));
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
