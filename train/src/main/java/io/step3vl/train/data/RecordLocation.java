package io.step3vl.train.data;

/**
 * Where one raw record is: the file's index in the reader's file list, the record's ordinal in that
 * file (records, not lines), the byte offset of its first byte (exact for uncompressed JSONL, -1
 * where the stream cannot seek) and its 1-based line number (JSONL; 0 for tar).
 */
public record RecordLocation(int file, long ordinal, long byteOffset, long line) {}
