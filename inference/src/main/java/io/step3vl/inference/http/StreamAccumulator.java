package io.step3vl.inference.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ThinkStreamSplitter;
import io.step3vl.inference.openai.ChatResponseJson;
import io.step3vl.inference.openai.OpenAiError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the completions of one streamed reply from its SSE payloads and passes text on to the
 * listener as it comes: {@code reasoning_content} deltas as reasoning, content deltas through a
 * {@link ThinkStreamSplitter} until the server shows it splits reasoning itself.
 */
final class StreamAccumulator {
    /** A payload that is an error object or not JSON: the stream failed on the server's side. */
    static final class StreamFailure extends RuntimeException {
        StreamFailure(String message) {
            super(message);
        }
    }

    private final int n;
    private final ChatBackend.TokenListener listener;
    private final List<StringBuilder> contents = new ArrayList<>();
    private final List<StringBuilder> reasonings = new ArrayList<>();
    private final List<String> finishReasons = new ArrayList<>();
    private final List<ThinkStreamSplitter> splitters = new ArrayList<>();
    private int promptTokens;
    private int completionTokens;
    private boolean done;
    private boolean textDelivered;

    StreamAccumulator(int n, boolean thinkingPrompt, ChatBackend.TokenListener listener) {
        this.n = n;
        this.listener = listener;
        for (int i = 0; i < n; i++) {
            final int index = i;
            contents.add(new StringBuilder());
            reasonings.add(null);
            finishReasons.add(null);
            splitters.add(new ThinkStreamSplitter(thinkingPrompt, (text, reasoning) -> deliver(index, text, reasoning)));
        }
    }

    /** One SSE {@code data:} payload. */
    void onData(String payload) {
        if (payload.strip().equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new StreamFailure("malformed stream chunk: " + abbreviate(payload));
        }
        if (chunk == null || !chunk.isObject()) {
            throw new StreamFailure("malformed stream chunk: " + abbreviate(payload));
        }
        if (chunk.has("error")) {
            throw new StreamFailure("server error in stream: " + OpenAiError.messageOf(payload));
        }
        for (JsonNode choice : chunk.path("choices")) {
            int index = choice.path("index").asInt(0);
            if (index < 0 || index >= n) {
                throw new StreamFailure("stream chunk for choice " + index + " of a request with n=" + n);
            }
            JsonNode delta = choice.path("delta");
            String reasoning = ChatResponseJson.reasoningOf(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                if (reasonings.get(index) == null) {
                    reasonings.set(index, new StringBuilder());
                }
                reasonings.get(index).append(reasoning);
                deliver(index, reasoning, true);
            }
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                String text = content.asText();
                contents.get(index).append(text);
                if (reasonings.get(index) != null) {
                    deliver(index, text, false); // the server splits: content is content
                } else {
                    splitters.get(index).accept(text);
                }
            }
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && finish.isTextual()) {
                finishReasons.set(index, finish.asText());
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
            completionTokens = usage.path("completion_tokens").asInt(completionTokens);
        }
    }

    private void deliver(int index, String text, boolean reasoning) {
        textDelivered = true;
        if (listener != null) {
            listener.onText(index, text, reasoning);
        }
    }

    boolean done() {
        return done;
    }

    /** Whether the listener has seen any text: after that a failed stream cannot be retried. */
    boolean textDelivered() {
        return textDelivered;
    }

    /** Every choice has its finish reason (a stream that ended without [DONE] may still be whole). */
    boolean allFinished() {
        return finishReasons.stream().allMatch(r -> r != null);
    }

    List<Completion> completions(double latencySeconds) {
        for (ThinkStreamSplitter s : splitters) {
            s.finish();
        }
        return ChatResponseJson.assemble(contents, reasonings, finishReasons, promptTokens, completionTokens,
                latencySeconds);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
