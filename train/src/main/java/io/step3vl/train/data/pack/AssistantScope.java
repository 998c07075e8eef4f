package io.step3vl.train.data.pack;

/**
 * Which assistant turns an SFT sample trains. {@code AFTER_LAST_USER} (the default, as StepFun's
 * framework does): only assistant turns after the last user turn, so earlier turns are context;
 * {@code ALL}: every assistant turn.
 */
public enum AssistantScope { AFTER_LAST_USER, ALL }
