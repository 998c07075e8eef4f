/**
 * The OpenAI chat-completions wire format, both directions, shared by the HTTP client and the
 * server so that what one writes the other reads: messages with text and {@code image_url} parts,
 * sampling fields (with vLLM's extra {@code top_k}, {@code min_p}, {@code repetition_penalty}),
 * replies with {@code reasoning_content}, streaming chunks over server-sent events, and OpenAI's
 * error shape.
 */
package io.step3vl.inference.openai;
