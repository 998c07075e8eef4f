package io.step3vl.inference;

import java.util.List;

/**
 * Where completions come from: the local model or an OpenAI-compatible endpoint. Implementations are
 * thread-safe; callers may submit from many threads and the backend applies its own concurrency and
 * rate limits (a local backend batches concurrent requests together).
 */
public interface ChatBackend extends AutoCloseable {

    /** Receives generated text as it is produced (for streaming to a terminal or an SSE client). */
    interface TokenListener {
        /** {@code index} is which of the request's n completions the text belongs to. */
        void onText(int index, String textDelta, boolean reasoning);
    }

    /** Runs the request to completion and returns its {@code n} completions in order. */
    List<Completion> complete(ChatRequest request);

    /**
     * Same as {@link #complete(ChatRequest)}, reporting text as it is generated. Reasoning is flagged
     * as such ({@link ReasoningSplit}); a backend that cannot stream reports each whole reply at the end.
     */
    default List<Completion> complete(ChatRequest request, TokenListener listener) {
        List<Completion> result = complete(request);
        boolean thinking = request.sampling().thinking();
        for (int i = 0; i < result.size(); i++) {
            ReasoningSplit split = ReasoningSplit.of(result.get(i), thinking);
            if (!split.reasoning().isEmpty()) {
                listener.onText(i, split.reasoning(), true);
            }
            if (!split.content().isEmpty()) {
                listener.onText(i, split.content(), false);
            }
        }
        return result;
    }

    /** A short description for reports: {@code local:/path/to/ckpt} or {@code http://host/v1 (model)}. */
    String describe();

    /** Tokens in a rendered prompt, for context budgeting (PaCoRe's --max-context); -1 if unknown. */
    default int countTokens(List<ChatMessage> messages) {
        return -1;
    }

    @Override
    default void close() {}
}
