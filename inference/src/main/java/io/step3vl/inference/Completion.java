package io.step3vl.inference;

/**
 * One generated reply. {@code content} is the reply without separated reasoning; {@code reasoning}
 * holds thinking a backend returned apart ({@code reasoning_content}) or null. {@code tokenIds} and
 * {@code logprobs} (of the chosen tokens) are filled by the local backend for RL, null otherwise.
 * {@code finishReason} is "stop" (EOS or stop string) or "length" (max tokens).
 */
public record Completion(String content, String reasoning, String finishReason, int promptTokens,
                         int completionTokens, double latencySeconds, int[] tokenIds, float[] logprobs) {

    public static final String THINK_END = "</think>";

    /** The answer part: the text after the last {@code </think>}, or all of it when there is none. */
    public String answer() {
        return answerOf(content);
    }

    /** The reasoning: the separated field when present, else the inline text before the last {@code </think>}. */
    public String reasoningText() {
        if (reasoning != null) {
            return reasoning;
        }
        int cut = content.lastIndexOf(THINK_END);
        if (cut < 0) {
            return "";
        }
        String r = content.substring(0, cut);
        return r.startsWith("<think>") ? r.substring("<think>".length()) : r;
    }

    public static String answerOf(String text) {
        int cut = text.lastIndexOf(THINK_END);
        return (cut < 0 ? text : text.substring(cut + THINK_END.length())).strip();
    }

    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
