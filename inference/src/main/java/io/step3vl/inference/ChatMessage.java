package io.step3vl.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation. {@code content} interleaves text and images in order; {@code reasoning}
 * is an assistant turn's thinking when it is kept apart from the answer (null otherwise).
 */
public record ChatMessage(String role, List<ContentPart> content, String reasoning) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", List.of(new ContentPart.Text(text)), null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", List.of(new ContentPart.Text(text)), null);
    }

    /** A user turn with its images first, then the text (the layout the release's examples use). */
    public static ChatMessage user(String text, List<ImageData> images) {
        List<ContentPart> parts = new ArrayList<>();
        for (ImageData image : images) {
            parts.add(new ContentPart.Image(image));
        }
        parts.add(new ContentPart.Text(text));
        return new ChatMessage("user", parts, null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", List.of(new ContentPart.Text(text)), null);
    }

    /** All text parts joined in order (images omitted). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public List<ImageData> images() {
        List<ImageData> images = new ArrayList<>();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Image i) {
                images.add(i.image());
            }
        }
        return images;
    }

    /** The same turn with its text parts replaced by one text part, images kept after it. */
    public ChatMessage withText(String text) {
        List<ContentPart> parts = new ArrayList<>();
        parts.add(new ContentPart.Text(text));
        for (ImageData image : images()) {
            parts.add(new ContentPart.Image(image));
        }
        return new ChatMessage(role, parts, reasoning);
    }
}
