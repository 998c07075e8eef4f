package io.step3vl.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One conversation turn. {@code reasoning} is an assistant's {@code reasoning_content} (null when
 * absent); the chat template renders it inside {@code <think>…</think>}.
 */
public record Turn(Role role, List<Part> content, String reasoning) {
    public Turn {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** The text parts joined in order. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Part p : content) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public List<ImageRef> images() {
        List<ImageRef> images = new ArrayList<>();
        for (Part p : content) {
            if (p instanceof Part.Image i) {
                images.add(i.image());
            }
        }
        return images;
    }
}
