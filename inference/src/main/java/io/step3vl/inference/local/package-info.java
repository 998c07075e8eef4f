/**
 * The local backend: a checkpoint directory run in this process on DJL. {@link
 * io.step3vl.inference.local.PromptEncoder} turns a conversation into the model's exact input (chat
 * template, tokens, image crops and their token layout); {@link io.step3vl.inference.local.BatchScheduler}
 * gathers concurrent requests into one generation batch; {@link io.step3vl.inference.local.LocalBackend}
 * ties them to the {@link io.step3vl.inference.ChatBackend} interface.
 */
package io.step3vl.inference.local;
