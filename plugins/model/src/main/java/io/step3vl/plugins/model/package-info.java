/**
 * The {@code init} and {@code model} commands: random initialisation of a preset checkpoint and the
 * porters' forward tool. Thin: option parsing here, the work in core-model ({@code io.step3vl.model}).
 * The {@code ckpt} command lives in {@code io.step3vl.plugins.model.ckpt}.
 */
package io.step3vl.plugins.model;
