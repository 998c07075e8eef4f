/**
 * Scorers: pure, fast functions from a model's answer and a {@link io.step3vl.eval.score.Reference}
 * to a {@link io.step3vl.eval.score.Score} in [0, 1] with the extracted answer and the reason. The
 * same classes are the verifiable rewards of RL, so they hold no state, do no I/O and never throw on
 * a model's output (an unparsable answer scores 0 with a reason). Scorers see only the answer part of
 * a reply (after the last {@code </think>}, see {@link io.step3vl.eval.score.AnswerText}) unless the
 * caller passes the whole text on purpose. {@link io.step3vl.eval.score.ScorerRegistry} builds them by name.
 */
package io.step3vl.eval.score;
