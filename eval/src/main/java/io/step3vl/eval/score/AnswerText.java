package io.step3vl.eval.score;

/**
 * The answer part of a reply, cut the way an OpenAI-compatible server with a reasoning parser cuts
 * it (and as {@code io.step3vl.inference.ReasoningSplit} does): the text after the last
 * {@code </think>}; without one, nothing when the reply was still thinking (the prompt opened a think
 * block, or the reply opened one itself), else the whole reply. Reading only the answer keeps a
 * scorer from crediting an option the model merely considered while reasoning.
 */
public final class AnswerText {
    public static final String THINK_START = "<think>";
    public static final String THINK_END = "</think>";

    private AnswerText() {}

    public static String of(String reply, boolean thinkingPrompt) {
        if (reply == null) {
            return "";
        }
        int cut = reply.lastIndexOf(THINK_END);
        if (cut >= 0) {
            return reply.substring(cut + THINK_END.length()).strip();
        }
        return stillThinking(reply, thinkingPrompt) ? "" : reply.strip();
    }

    /** True when the reply has no {@code </think>} although thinking was open. */
    public static boolean stillThinking(String reply, boolean thinkingPrompt) {
        return reply != null && !reply.contains(THINK_END)
                && (thinkingPrompt || reply.stripLeading().startsWith(THINK_START));
    }
}
