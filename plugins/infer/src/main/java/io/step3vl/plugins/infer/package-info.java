/**
 * {@code step3vl infer}: flags to library calls for one-shot answers (SeRe or PaCoRe, streamed),
 * batch runs over items files, and the interactive chat REPL. The inference itself lives in
 * {@code io.step3vl.inference}.
 */
package io.step3vl.plugins.infer;
