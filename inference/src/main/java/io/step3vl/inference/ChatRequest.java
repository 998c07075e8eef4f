package io.step3vl.inference;

import java.util.List;

/** A conversation to continue {@code n} times independently with the same sampling settings. */
public record ChatRequest(List<ChatMessage> messages, SamplingParams sampling, int n) {
    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    public static ChatRequest of(List<ChatMessage> messages, SamplingParams sampling) {
        return new ChatRequest(messages, sampling, 1);
    }
}
