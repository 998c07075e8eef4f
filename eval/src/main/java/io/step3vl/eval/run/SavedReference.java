package io.step3vl.eval.run;

import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.CoordinateFormat;
import io.step3vl.eval.score.Reference;
import java.util.List;
import java.util.Map;

/** A {@link Reference} as saved with a prediction, so predictions re-score without the dataset. */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SavedReference(List<String> answers, String type, Map<String, String> options, int imageWidth,
                             int imageHeight, String boxFormat) {
    public static SavedReference of(Reference r) {
        return new SavedReference(r.answers(), r.type().key(), r.options(), r.imageWidth(), r.imageHeight(),
                r.boxFormat().key());
    }

    public Reference toReference(String where) {
        return new Reference(answers == null ? List.of() : answers, AnswerType.parse(type, where + ": reference.type"),
                options == null ? Map.of() : options, imageWidth, imageHeight,
                CoordinateFormat.parse(boxFormat == null ? "norm1000" : boxFormat, where + ": reference.box_format"));
    }
}
