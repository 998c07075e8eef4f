/**
 * The supervised training loop shared by pre-training and SFT: one recipe class that reads top to
 * bottom ({@link io.step3vl.train.loop.Trainer}), its typed config, batch building, checkpoint/resume
 * (bit-exact: weights, optimiser moments, schedule counters and the data position), stop signals,
 * metrics and the HTML report.
 */
package io.step3vl.train.loop;
