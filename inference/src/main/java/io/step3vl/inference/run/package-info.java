/**
 * One answer to one conversation, by a single request (SeRe) or by PaCoRe, with timings, and its
 * JSON form shared by {@code step3vl infer --json} and batch result files.
 */
package io.step3vl.inference.run;
