/** The training flags shared by {@code step3vl pretrain} and {@code step3vl sft}, turned into a TrainConfig here. */
package io.step3vl.plugins.training;
