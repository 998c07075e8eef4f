/**
 * {@code step3vl ckpt inspect | verify | pack | unpack}: thin picocli commands over
 * {@link io.step3vl.checkpoint} and {@link io.step3vl.checkpoint.archive}.
 */
package io.step3vl.plugins.model.ckpt;
