/**
 * Writing the shapes world to disk: records in the toolkit's JSONL formats (Contracts §4) and
 * WebDataset tar shards (.tar, .tar.gz, .tar.zst) with fixed timestamps and owners, so the same seed
 * gives byte-identical files.
 */
package io.step3vl.shapes.output;
