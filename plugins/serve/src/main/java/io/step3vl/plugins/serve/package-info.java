/**
 * {@code step3vl serve}: flags to an {@link io.step3vl.inference.server.ChatServer} in front of a
 * local checkpoint (or, as a proxy, another OpenAI-compatible endpoint), running until Ctrl-C.
 */
package io.step3vl.plugins.serve;
