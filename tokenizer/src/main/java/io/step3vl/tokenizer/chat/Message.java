package io.step3vl.tokenizer.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One turn of a conversation: a role (system, user, assistant, tool, ...), its content as ordered
 * parts, an assistant's separate reasoning ({@code reasoning_content}; null when absent, "" for an
 * explicitly empty one) and any further fields (e.g. {@code tool_calls}) handed to the template as is.
 */
public record Message(String role, List<Part> parts, String reasoning, Map<String, Object> extra) {
    public Message {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        extra = Map.copyOf(extra);
    }

    public Message(String role, List<Part> parts, String reasoning) {
        this(role, parts, reasoning, Map.of());
    }

    public static Message system(String text) {
        return new Message("system", List.of(new Part.Text(text)), null);
    }

    public static Message user(String text) {
        return new Message("user", List.of(new Part.Text(text)), null);
    }

    /** A user turn of parts (text and images interleaved as given). */
    public static Message user(List<Part> parts) {
        return new Message("user", parts, null);
    }

    public static Message assistant(String text) {
        return new Message("assistant", List.of(new Part.Text(text)), null);
    }

    /** An assistant turn with its reasoning kept apart from the answer. */
    public static Message assistant(String text, String reasoning) {
        return new Message("assistant", List.of(new Part.Text(text)), reasoning);
    }

    /** The text parts joined in order, images left out. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public List<Part.Image> images() {
        List<Part.Image> images = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Part.Image image) {
                images.add(image);
            }
        }
        return images;
    }

    /** Whether every part is text (the template then sees the content as one string). */
    public boolean textOnly() {
        return parts.stream().allMatch(p -> p instanceof Part.Text);
    }
}
