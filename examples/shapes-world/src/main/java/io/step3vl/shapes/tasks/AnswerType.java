package io.step3vl.shapes.tasks;

import java.util.Locale;

/** The eval/RL item's {@code answer_type}: how a scorer compares a response with the answer. */
public enum AnswerType {
    CHOICE, NUMBER, TEXT, OCR, BOX, POINT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
