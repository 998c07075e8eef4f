/**
 * {@code step3vl eval}: the thin command over the eval library — parses flags and suite files,
 * opens the backends, and hands everything to {@link io.step3vl.eval.Evaluation}; {@code eval score}
 * re-scores saved predictions and {@code eval compare} compares two runs.
 */
package io.step3vl.plugins.eval;
