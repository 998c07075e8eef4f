/**
 * Inference behind one interface: {@link io.step3vl.inference.ChatBackend} is implemented by the
 * local DJL model and by an OpenAI-compatible HTTP client, and used by infer, PaCoRe, eval and RL
 * rollouts alike.
 */
package io.step3vl.inference;
