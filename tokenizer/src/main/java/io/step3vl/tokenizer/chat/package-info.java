/**
 * Conversations and chat templates: the Java side of a chat ({@link io.step3vl.tokenizer.chat.Message}
 * with interleaved text and image parts, read from the JSON of data-format contract §4 by
 * {@link io.step3vl.tokenizer.chat.ChatJson}), rendered by the checkpoint's own Jinja template
 * ({@link io.step3vl.tokenizer.chat.ChatTemplate}, on Jinjava with the Python/Jinja2 behaviour Hugging
 * Face templates rely on) and encoded to ids with image placeholders located
 * ({@link io.step3vl.tokenizer.chat.ChatEncoder}).
 */
package io.step3vl.tokenizer.chat;
