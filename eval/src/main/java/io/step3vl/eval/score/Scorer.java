package io.step3vl.eval.score;

/**
 * Scores one answer against a reference. Implementations are pure (no I/O, no state), thread-safe
 * and fast, because they double as RL rewards; they never throw on model output.
 */
public interface Scorer {

    /** The registry name, e.g. {@code choice} or {@code iou@0.5}. */
    String name();

    /** How answers are extracted and compared, in words: recorded next to every score. */
    String rules();

    /** True when every score is 0 or 1 (reported as accuracy); false for continuous scores (IoU, ANLS). */
    boolean binary();

    /** Scores the answer part of a reply (thinking already removed, see {@link AnswerText}). */
    Score score(String answer, Reference reference);

    /**
     * Scores a whole reply: only the text after the last {@code </think>} is read; a reply still
     * thinking when it stopped has no answer and scores 0.
     *
     * @param thinkingPrompt the prompt ended inside a think block (generation began in thinking mode)
     */
    default Score scoreReply(String reply, boolean thinkingPrompt, Reference reference) {
        String answer = AnswerText.of(reply, thinkingPrompt);
        if (answer.isBlank() && AnswerText.stillThinking(reply, thinkingPrompt)) {
            return Score.unparsable("no answer: the reply stopped inside its reasoning (no </think>)");
        }
        return score(answer, reference);
    }

    /**
     * The answer this reply gives, in a canonical form for voting (majority, self-consistency), or
     * null when none can be extracted. Two votes are the same answer when {@link #sameAnswer} says so.
     */
    default String extract(String answer, Reference reference) {
        return score(answer, reference).extracted();
    }

    /**
     * The scorer that actually judges items like {@code reference}: itself, except for dispatching
     * scorers ({@code auto}) which pick one by answer type. Reports use it for the rules and the metric.
     */
    default Scorer resolve(Reference reference) {
        return this;
    }

    /** Whether two extracted answers count as one vote; exact string equality unless overridden. */
    default boolean sameAnswer(String a, String b, Reference reference) {
        return a != null && a.equals(b);
    }
}
