package io.step3vl.inference;

/**
 * {@link ReasoningSplit} for text that arrives in pieces: routes each piece to the reasoning or the
 * content side as soon as that is known, holding back only what could be the start of a tag split
 * across pieces. Used by the HTTP client on servers that stream {@code <think>} inline, and by
 * backends that stream raw tokens. Not thread-safe: one splitter per completion.
 *
 * <p>Streaming cannot know which {@code </think>} is the last, so the first one ends the reasoning
 * here; replies with several think blocks are rare and the final {@link ReasoningSplit} of the whole
 * text remains the reference.
 */
public final class ThinkStreamSplitter {
    /** Where the routed text goes. */
    public interface Sink {
        void accept(String text, boolean reasoning);
    }

    private enum State { START, REASONING, CONTENT }

    private final Sink sink;
    private final boolean thinkingPrompt;
    private final StringBuilder pending = new StringBuilder();
    private State state = State.START;

    public ThinkStreamSplitter(boolean thinkingPrompt, Sink sink) {
        this.thinkingPrompt = thinkingPrompt;
        this.sink = sink;
    }

    public void accept(String piece) {
        pending.append(piece);
        drain(false);
    }

    /** Flushes anything held back (end of the completion). */
    public void finish() {
        drain(true);
    }

    private void drain(boolean end) {
        while (pending.length() > 0) {
            switch (state) {
                case START -> {
                    String lead = pending.toString().stripLeading();
                    if (lead.startsWith(ReasoningSplit.THINK_START)) {
                        pending.delete(0, pending.length() - lead.length() + ReasoningSplit.THINK_START.length());
                        state = State.REASONING;
                    } else if (!end && (lead.isEmpty() || ReasoningSplit.THINK_START.startsWith(lead))) {
                        return; // may still become "<think>"
                    } else {
                        state = thinkingPrompt ? State.REASONING : State.CONTENT;
                    }
                }
                case REASONING -> {
                    int cut = pending.indexOf(ReasoningSplit.THINK_END);
                    if (cut >= 0) {
                        emit(pending.substring(0, cut), true);
                        pending.delete(0, cut + ReasoningSplit.THINK_END.length());
                        state = State.CONTENT;
                    } else {
                        int keep = end ? 0 : partialTagSuffix(pending, ReasoningSplit.THINK_END);
                        emit(pending.substring(0, pending.length() - keep), true);
                        pending.delete(0, pending.length() - keep);
                        return;
                    }
                }
                case CONTENT -> {
                    emit(pending.toString(), false);
                    pending.setLength(0);
                }
            }
        }
    }

    private void emit(String text, boolean reasoning) {
        if (!text.isEmpty()) {
            sink.accept(text, reasoning);
        }
    }

    /** Length of the longest suffix of {@code text} that is a proper prefix of {@code tag}. */
    static int partialTagSuffix(CharSequence text, String tag) {
        int max = Math.min(tag.length() - 1, text.length());
        for (int len = max; len > 0; len--) {
            boolean match = true;
            for (int i = 0; i < len; i++) {
                if (text.charAt(text.length() - len + i) != tag.charAt(i)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return len;
            }
        }
        return 0;
    }
}
