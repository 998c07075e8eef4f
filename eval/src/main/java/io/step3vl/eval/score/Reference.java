package io.step3vl.eval.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an answer is checked against: the accepted answers (any one suffices), the answer type, the
 * options of a multiple-choice item (letter to text, in order), and the image size in pixels
 * ({@code 0} when unknown) for boxes and points given in pixels. {@code boxFormat} says how the
 * reference's own coordinates are written.
 */
public record Reference(List<String> answers, AnswerType type, Map<String, String> options,
                        int imageWidth, int imageHeight, CoordinateFormat boxFormat) {
    public Reference {
        answers = List.copyOf(answers);
        Objects.requireNonNull(type, "type");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Objects.requireNonNull(boxFormat, "boxFormat");
        if (imageWidth < 0 || imageHeight < 0) {
            throw new IllegalArgumentException("image size must be >= 0, got " + imageWidth + "x" + imageHeight);
        }
    }

    /** One accepted answer of the given type, no options, no image size. */
    public static Reference of(String answer, AnswerType type) {
        return new Reference(List.of(answer), type, Map.of(), 0, 0, CoordinateFormat.NORM1000);
    }

    /** A multiple-choice reference. */
    public static Reference choice(String answer, Map<String, String> options) {
        return new Reference(List.of(answer), AnswerType.CHOICE, options, 0, 0, CoordinateFormat.NORM1000);
    }

    /** The first accepted answer. */
    public String answer() {
        return answers.isEmpty() ? "" : answers.get(0);
    }

    public boolean hasImageSize() {
        return imageWidth > 0 && imageHeight > 0;
    }

    public Reference withImageSize(int width, int height) {
        return new Reference(answers, type, options, width, height, boxFormat);
    }

    public Reference withBoxFormat(CoordinateFormat format) {
        return new Reference(answers, type, options, imageWidth, imageHeight, format);
    }
}
