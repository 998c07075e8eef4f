package io.step3vl.eval.data;

import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark question, ready to send: the conversation (system and user turns, images attached),
 * the reference it is scored against, its categories, free-form metadata, and where it came from
 * ({@code file:line}) for error messages.
 */
public record EvalItem(String id, List<ChatMessage> messages, Reference reference, String category,
                       String l2Category, Map<String, Object> metadata, String source) {
    public EvalItem {
        Objects.requireNonNull(id, "id");
        messages = List.copyOf(messages);
        Objects.requireNonNull(reference, "reference");
        category = category == null ? "" : category;
        l2Category = l2Category == null ? "" : l2Category;
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /** The text of the last user turn: the question as the model saw it. */
    public String question() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    /** Number of images across all turns. */
    public int imageCount() {
        return messages.stream().mapToInt(m -> m.images().size()).sum();
    }
}
