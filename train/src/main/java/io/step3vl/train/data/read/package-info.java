/**
 * Streaming readers with constant memory: JSONL (plain, .gz, .zst) and WebDataset tar shards (.tar,
 * .tar.gz, .tar.zst, members grouped by key), parsed into typed samples; a seeded shuffle buffer,
 * sharding across workers, epochs, a shared bad-record budget, and exact resume from a
 * {@link io.step3vl.train.data.ReaderPosition}.
 */
package io.step3vl.train.data.read;
