/**
 * Batch inference over a JSONL file of items (Contracts §4): every finished item is appended to the
 * results file at once, and a rerun skips the ids already there, so a killed run loses nothing it
 * finished and resumes where it stopped.
 */
package io.step3vl.inference.batch;
