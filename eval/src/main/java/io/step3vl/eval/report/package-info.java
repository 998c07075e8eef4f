/**
 * What a run leaves behind and how runs are compared: per dataset/mode {@link io.step3vl.eval.report.Summary}
 * statistics, results.json / results.md / scores.jsonl / report.html
 * ({@link io.step3vl.eval.report.ResultsWriter}), re-scoring saved predictions
 * ({@link io.step3vl.eval.report.Rescorer}) and paired comparisons of two runs
 * ({@link io.step3vl.eval.report.RunComparison}).
 */
package io.step3vl.eval.report;
