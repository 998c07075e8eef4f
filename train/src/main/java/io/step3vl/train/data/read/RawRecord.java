package io.step3vl.train.data.read;

import io.step3vl.train.data.RecordLocation;
import java.util.Map;

/**
 * One record as read, before parsing: a JSONL line's bytes, or a tar sample's members (extension →
 * bytes) under its key. {@code defect} is non-null when the record could not even be read whole
 * (an over-long line or member); the parser reports it as a bad record.
 */
record RawRecord(RecordLocation location, String where, byte[] json, String key, Map<String, byte[]> members,
                 String defect) {}
