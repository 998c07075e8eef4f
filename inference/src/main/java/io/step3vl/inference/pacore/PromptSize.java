package io.step3vl.inference.pacore;

import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import java.util.List;

/**
 * Prompt length in tokens: the backend's own count when it has one, else an estimate of one token
 * per four characters of text (the usual figure for English with BPE vocabularies; images and the
 * chat template's few tokens are not counted, so keep a margin when the estimate is in use).
 */
public final class PromptSize {
    public static final int CHARS_PER_TOKEN = 4;

    private final ChatBackend backend;
    private volatile boolean estimated;

    public PromptSize(ChatBackend backend) {
        this.backend = backend;
    }

    public int count(List<ChatMessage> messages) {
        int exact = backend.countTokens(messages);
        if (exact >= 0) {
            return exact;
        }
        estimated = true;
        return estimate(messages);
    }

    /** Whether any count so far was an estimate (warnings say so). */
    public boolean estimated() {
        return estimated;
    }

    public static int estimate(List<ChatMessage> messages) {
        long chars = 0;
        for (ChatMessage m : messages) {
            chars += m.text().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
}
