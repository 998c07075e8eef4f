package io.step3vl.eval.score;

import io.step3vl.inference.ReasoningSplit;

/**
 * The answer part of a reply, cut exactly as {@link ReasoningSplit} (and so an OpenAI-compatible
 * server with a reasoning parser) cuts it: the text after the last {@code </think>}; without one,
 * nothing when the reply was still thinking (the prompt opened a think block, or the reply opened one
 * itself), else the whole reply. Reading only the answer keeps a scorer from crediting an option the
 * model merely considered while reasoning.
 */
public final class AnswerText {
    private AnswerText() {}

    /** The answer part, stripped; {@code thinkingPrompt}: generation began inside a think block. */
    public static String of(String reply, boolean thinkingPrompt) {
        return reply == null ? "" : ReasoningSplit.of(reply, thinkingPrompt).content().strip();
    }

    /** True when the reply has no {@code </think>} although thinking was open. */
    public static boolean stillThinking(String reply, boolean thinkingPrompt) {
        return reply != null && !reply.contains(ReasoningSplit.THINK_END)
                && (thinkingPrompt || reply.stripLeading().startsWith(ReasoningSplit.THINK_START));
    }
}
