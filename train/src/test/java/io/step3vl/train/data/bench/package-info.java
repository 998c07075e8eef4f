/** The data benchmark (a main, not a test): run it with bench/data/run.sh. */
package io.step3vl.train.data.bench;
