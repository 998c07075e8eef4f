package io.step3vl.eval.score;

import io.step3vl.common.UserError;
import java.util.Locale;

/** What kind of answer an item expects (the {@code answer_type} field of eval items). */
public enum AnswerType {
    CHOICE, NUMBER, TEXT, MATH, OCR, BOX, POINT;

    /** The spelling in data files: {@code choice}, {@code number}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a data file's spelling; {@code where} names the field in the error. */
    public static AnswerType parse(String text, String where) {
        if (text != null) {
            for (AnswerType t : values()) {
                if (t.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
        }
        throw new UserError(where + ": expected one of choice|number|text|math|ocr|box|point, got '" + text + "'");
    }
}
