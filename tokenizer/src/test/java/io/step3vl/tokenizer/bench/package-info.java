/** Benchmarks (run by bench/tokenizer-encode.sh, not by the test suite). */
package io.step3vl.tokenizer.bench;
