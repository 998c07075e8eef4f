package io.step3vl.train.data;

import java.util.Objects;

/** A piece of content, in order: text or an image. */
public sealed interface Part {
    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Image(ImageRef image) implements Part {
        public Image {
            Objects.requireNonNull(image, "image");
        }
    }
}
