/**
 * Small pieces every module shares: one-line user errors with exit codes, atomic file writes,
 * the JSON/YAML mapper, progress reporting and the metrics log. No tensor code, no CLI types.
 */
package io.step3vl.common;
