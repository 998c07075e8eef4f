/**
 * The evaluation runner: {@link io.step3vl.eval.run.Mode}s (SeRe, PaCoRe, majority vote, best-of-N),
 * a bounded-concurrency {@link io.step3vl.eval.run.EvalRunner} over any
 * {@link io.step3vl.inference.ChatBackend}, the resumable {@link io.step3vl.eval.run.PredictionCache}
 * keyed by item, prompt, generation settings and mode, and
 * {@link io.step3vl.eval.run.PredictionScoring}, which turns saved predictions into scores (so
 * {@code eval score} re-scores without generating).
 */
package io.step3vl.eval.run;
