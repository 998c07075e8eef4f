/**
 * Statistics for evaluation results: seeded bootstrap confidence intervals, McNemar's exact test
 * and the paired bootstrap for comparing two runs item by item, and percentiles for latency.
 * Every resampling takes a seed so that reports are reproducible.
 */
package io.step3vl.eval.stats;
