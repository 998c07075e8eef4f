package io.step3vl.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The ground truth of an RL prompt or eval item: {@code answer} compared by {@code answerType}
 * ({@code choice|number|text|math|ocr|box|point}); {@code options} only for choice items;
 * {@code metadata} as in the record (never null: an empty object when absent).
 */
public record Reference(String id, String answer, String answerType, String category, Map<String, String> options,
                        JsonNode metadata) {
    public Reference {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
