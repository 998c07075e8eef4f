/** The {@code step3vl pretrain} stage: flags and recipe → {@link io.step3vl.train.loop.Trainer}. */
package io.step3vl.plugins.pretrain;
