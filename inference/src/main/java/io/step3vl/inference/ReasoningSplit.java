package io.step3vl.inference;

/**
 * A reply cut into its reasoning and its visible content, the way an OpenAI-compatible server with a
 * reasoning parser (vLLM's {@code deepseek_r1}) cuts it: everything before the last {@code </think>}
 * is reasoning (an opening {@code <think>} dropped), the rest is content, kept exactly (no strip).
 * A reply without {@code </think>} is all reasoning when the prompt opened a think block (thinking
 * mode) or the reply opens one itself (it was cut off while thinking), else all content.
 *
 * <p>Every consumer that needs "the answer as the server would show it" (the server, PaCoRe, the
 * CLI) goes through here, so a backend that returns inline {@code <think>} text and one that returns
 * {@code reasoning_content} apart give the same result.
 */
public record ReasoningSplit(String reasoning, String content) {
    public static final String THINK_START = "<think>";
    public static final String THINK_END = "</think>";

    /** Splits raw generated text; {@code thinkingPrompt} says the prompt ended inside a think block. */
    public static ReasoningSplit of(String text, boolean thinkingPrompt) {
        int cut = text.lastIndexOf(THINK_END);
        if (cut >= 0) {
            return new ReasoningSplit(dropThinkStart(text.substring(0, cut)), text.substring(cut + THINK_END.length()));
        }
        if (thinkingPrompt || text.stripLeading().startsWith(THINK_START)) {
            return new ReasoningSplit(dropThinkStart(text), "");
        }
        return new ReasoningSplit("", text);
    }

    /** A completion's split: its separate reasoning when the backend gave one, else split inline text. */
    public static ReasoningSplit of(Completion completion, boolean thinkingPrompt) {
        if (completion.reasoning() != null) {
            return new ReasoningSplit(completion.reasoning(), completion.content());
        }
        return of(completion.content(), thinkingPrompt);
    }

    private static String dropThinkStart(String reasoning) {
        String lead = reasoning.stripLeading();
        return lead.startsWith(THINK_START) ? lead.substring(THINK_START.length()) : reasoning;
    }
}
