/**
 * An OpenAI-compatible HTTP server in front of any {@link io.step3vl.inference.ChatBackend}, on the
 * JDK's {@code com.sun.net.httpserver}: {@code POST /v1/chat/completions} (streaming or not, n &gt;
 * 1, images as data URIs or URLs), {@code GET /v1/models}, {@code GET /health} and vLLM's
 * {@code POST /tokenize}. Requests run concurrently, so a batching backend sees them together.
 */
package io.step3vl.inference.server;
