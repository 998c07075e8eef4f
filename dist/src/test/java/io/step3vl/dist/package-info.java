/**
 * End-to-end tests of the built distribution: each runs {@code bin/step3vl} as a user would, with an
 * isolated HOME and environment, and checks exit codes and exact output.
 */
package io.step3vl.dist;
