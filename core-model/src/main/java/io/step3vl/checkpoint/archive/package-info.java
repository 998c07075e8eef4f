/**
 * Checkpoint archives: {@code step3vl ckpt pack} / {@code unpack} as {@code .tar.zst} with a SHA-256
 * manifest, unpacked defensively (no path escapes, links, duplicates; verified before it appears).
 */
package io.step3vl.checkpoint.archive;
