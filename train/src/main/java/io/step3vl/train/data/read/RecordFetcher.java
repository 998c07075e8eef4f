package io.step3vl.train.data.read;

import io.step3vl.common.UserError;
import io.step3vl.train.data.RecordLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Re-reads specific records (a restored shuffle buffer): seeks to each in uncompressed JSONL, and
 * makes one pass per compressed file or tar shard for all the records wanted from it.
 */
final class RecordFetcher {
    private RecordFetcher() {}

    static Map<RecordLocation, RawRecord> fetch(List<DataFile> files, List<RecordLocation> wanted, int maxRecordBytes) {
        Map<Integer, List<RecordLocation>> byFile = new TreeMap<>();
        for (RecordLocation loc : wanted) {
            if (loc.file() < 0 || loc.file() >= files.size()) {
                throw new UserError("data position: file index " + loc.file() + " out of range for " + files.size()
                        + " files");
            }
            byFile.computeIfAbsent(loc.file(), k -> new ArrayList<>()).add(loc);
        }
        Map<RecordLocation, RawRecord> found = new HashMap<>();
        for (Map.Entry<Integer, List<RecordLocation>> e : byFile.entrySet()) {
            DataFile file = files.get(e.getKey());
            try {
                if (file.seekable()) {
                    for (RecordLocation loc : e.getValue()) {
                        try (RecordReader r = RecordReader.open(file, e.getKey(), loc, maxRecordBytes)) {
                            RawRecord rec = r.next();
                            if (rec != null && rec.location().equals(loc)) {
                                found.put(loc, rec);
                            }
                        }
                    }
                } else {
                    scan(file, e.getKey(), e.getValue(), maxRecordBytes, found);
                }
            } catch (IOException ex) {
                throw UserError.at(file, "cannot re-read buffered records: " + ex.getMessage());
            }
        }
        return found;
    }

    private static void scan(DataFile file, int index, List<RecordLocation> locs, int maxRecordBytes,
                             Map<RecordLocation, RawRecord> found) throws IOException {
        Map<Long, RecordLocation> byOrdinal = new HashMap<>();
        long last = -1;
        for (RecordLocation loc : locs) {
            byOrdinal.put(loc.ordinal(), loc);
            last = Math.max(last, loc.ordinal());
        }
        Set<Long> remaining = new HashSet<>(byOrdinal.keySet());
        try (RecordReader r = RecordReader.open(file, index, RecordReader.start(index, file), maxRecordBytes)) {
            RawRecord rec;
            while (!remaining.isEmpty() && (rec = r.next()) != null && rec.location().ordinal() <= last) {
                RecordLocation loc = byOrdinal.get(rec.location().ordinal());
                if (loc != null && loc.equals(rec.location())) {
                    found.put(loc, rec);
                    remaining.remove(loc.ordinal());
                }
            }
        }
    }
}
