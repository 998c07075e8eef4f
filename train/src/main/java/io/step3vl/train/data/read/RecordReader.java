package io.step3vl.train.data.read;

import io.step3vl.train.data.RecordLocation;
import java.io.IOException;

/** Reads one data file's raw records in order. */
interface RecordReader extends AutoCloseable {
    /** The next record, or null at the end of the file. */
    RawRecord next() throws IOException;

    /** Where the next record starts (a reader reopened there continues identically). */
    RecordLocation nextLocation();

    @Override
    void close() throws IOException;

    /** Opens {@code file} (index {@code fileIndex} in the reader's list) so the next record is at {@code start}. */
    static RecordReader open(DataFile file, int fileIndex, RecordLocation start, int maxRecordBytes) throws IOException {
        return file.kind() == DataFile.Kind.JSONL
                ? JsonlRecordReader.open(file, fileIndex, start, maxRecordBytes)
                : TarRecordReader.open(file, fileIndex, start, maxRecordBytes);
    }

    /** The location of a file's first record. */
    static RecordLocation start(int fileIndex, DataFile file) {
        return new RecordLocation(fileIndex, 0, file.seekable() ? 0 : -1, 0);
    }
}
