/**
 * What {@code step3vl tokenize} shows: text or a conversation as the model sees it (the rendered
 * chat, ids and pieces, each image's crop plan and token count, the ids after image expansion), as a
 * plain result object ({@link io.step3vl.tokenizer.inspect.Tokenization}) with a human-readable and a
 * JSON form. No CLI types here: the plugin only parses flags into a
 * {@link io.step3vl.tokenizer.inspect.TokenizeRequest}.
 */
package io.step3vl.tokenizer.inspect;
