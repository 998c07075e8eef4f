package io.step3vl.inference;

/** A piece of a message: text or an image. */
public sealed interface ContentPart {
    record Text(String text) implements ContentPart {}

    record Image(ImageData image) implements ContentPart {}
}
