package io.step3vl.tokenizer.chat;

import java.util.Objects;

/** One piece of a message's content, in order: text, or an image the template marks with a placeholder. */
public sealed interface Part {
    /** Plain text. */
    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image by reference: an absolute file path, a {@code data:} URI or an http(s) URL. Readers
     * resolve relative paths against the file they read; pixels are loaded by whoever needs them.
     */
    record Image(String source) implements Part {
        public Image {
            Objects.requireNonNull(source, "source");
        }
    }
}
