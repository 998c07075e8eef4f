/**
 * Evaluation of a model on benchmarks: {@link io.step3vl.eval.Evaluation} runs, re-scores and
 * compares; the parts live in {@code data} (formats, suites), {@code score} (scorers, also RL
 * rewards), {@code run} (modes, runner, cache), {@code stats} and {@code report}.
 */
package io.step3vl.eval;
