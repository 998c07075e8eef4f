package io.step3vl.train.data.read;

import io.step3vl.train.data.RecordLocation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * WebDataset samples from a tar shard: consecutive members whose names share a key (the path up to
 * the first dot of the file name) form one sample, keyed by the rest of the name
 * ({@code a/b.0.png} → key {@code a/b}, extension {@code 0.png}). Hidden files are skipped. A member
 * over the size limit is skipped unread and makes the sample defective.
 */
final class TarRecordReader implements RecordReader {
    private final int fileIndex;
    private final int maxRecordBytes;
    private final TarArchiveInputStream tar;
    private TarArchiveEntry pending;
    private boolean ended;
    private long ordinal;

    private TarRecordReader(int fileIndex, TarArchiveInputStream tar, int maxRecordBytes) {
        this.fileIndex = fileIndex;
        this.tar = tar;
        this.maxRecordBytes = maxRecordBytes;
    }

    static TarRecordReader open(DataFile file, int fileIndex, RecordLocation start, int maxRecordBytes)
            throws IOException {
        InputStream raw = Files.newInputStream(file.path());
        TarRecordReader reader;
        try {
            InputStream in = file.compression().open(new BufferedInputStream(raw, 1 << 16));
            reader = new TarRecordReader(fileIndex, new TarArchiveInputStream(in), maxRecordBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        reader.skip(start.ordinal());
        return reader;
    }

    @Override
    public RawRecord next() throws IOException {
        TarArchiveEntry first = nextFileEntry();
        if (first == null) {
            return null;
        }
        String key = keyOf(first.getName());
        Map<String, byte[]> members = new LinkedHashMap<>();
        String defect = null;
        TarArchiveEntry entry = first;
        while (true) {
            String ext = extensionOf(entry.getName());
            if (entry.getSize() > maxRecordBytes) {
                defect = "member " + entry.getName() + " is " + entry.getSize() + " bytes, over the "
                        + maxRecordBytes + "-byte record limit";
            } else if (members.containsKey(ext)) {
                defect = "member " + entry.getName() + " appears twice in the sample";
            } else {
                members.put(ext, tar.readAllBytes());
            }
            entry = nextFileEntry();
            if (entry == null) {
                break;
            }
            if (!keyOf(entry.getName()).equals(key)) {
                pending = entry;
                break;
            }
        }
        RecordLocation loc = new RecordLocation(fileIndex, ordinal++, -1, 0);
        return new RawRecord(loc, "sample " + key, null, key, members, defect);
    }

    @Override
    public RecordLocation nextLocation() {
        return new RecordLocation(fileIndex, ordinal, -1, 0);
    }

    /** Skips {@code n} samples without reading their members' contents. */
    private void skip(long n) throws IOException {
        String key = null;
        long skipped = -1;
        while (true) {
            TarArchiveEntry entry = nextFileEntry();
            if (entry == null) {
                ordinal = Math.max(0, skipped + 1);
                return;
            }
            String k = keyOf(entry.getName());
            if (!k.equals(key)) {
                skipped++;
                key = k;
                if (skipped == n) {
                    pending = entry;
                    ordinal = n;
                    return;
                }
            }
        }
    }

    private TarArchiveEntry nextFileEntry() throws IOException {
        if (pending != null) {
            TarArchiveEntry e = pending;
            pending = null;
            return e;
        }
        if (ended) {
            return null;
        }
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (e.isFile() && !baseName(e.getName()).startsWith(".")) {
                return e;
            }
        }
        ended = true;
        return null;
    }

    static String keyOf(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        return dot < 0 ? name : name.substring(0, dot);
    }

    static String extensionOf(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
