package io.step3vl.shapes.tasks;

import java.util.Map;
import java.util.Objects;

/**
 * One question about a scene. {@code options} is non-null only for multiple choice (letter → text);
 * {@code reasoning} is the step-by-step trace used as an assistant's {@code reasoning_content};
 * {@code metadata} carries what a scorer may need beyond the answer (boxes, image size).
 */
public record Question(Task task, String variant, String prompt, String answer, AnswerType answerType,
                       Map<String, String> options, String reasoning, Map<String, Object> metadata) {
    public Question {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        metadata = metadata == null ? Map.of() : metadata;
    }
}
