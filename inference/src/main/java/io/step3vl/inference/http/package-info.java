/**
 * The OpenAI-compatible HTTP backend: {@link io.step3vl.inference.http.OpenAiClient} talks to vLLM,
 * SGLang or {@code step3vl serve} over {@code java.net.http}, with bounded retries, a token-bucket
 * rate limit that 429 replies slow down, and a concurrency cap.
 */
package io.step3vl.inference.http;
