/**
 * Benchmark data: {@link io.step3vl.eval.data.EvalItem}s streamed from JSONL item files
 * (Contracts §4, also the shapes-world benchmark split) and VLMEvalKit-style TSVs, prompts rendered
 * from {@link io.step3vl.eval.data.PromptTemplate}s, and {@link io.step3vl.eval.data.Suite} files
 * naming datasets, scorers, prompts and modes. Readers stream; a bad row is a
 * {@link io.step3vl.common.UserError} naming {@code file:line} and what was expected.
 */
package io.step3vl.eval.data;
