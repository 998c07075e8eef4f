package io.step3vl.train.data.read;

/**
 * How readers split data between workers. {@code RECORD}: worker w of W keeps raw records
 * w, w+W, … of each epoch's stream (balanced whatever the file sizes; every worker scans every
 * file). {@code FILE}: worker w reads files w, w+W, … of each epoch's file order (no wasted reads;
 * balanced only when files are similar and numerous).
 */
public enum ShardBy { RECORD, FILE }
