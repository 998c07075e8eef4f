package io.step3vl.train.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;

/**
 * A saved stream position (the data part of a training checkpoint's trainer_state), as JSON with a
 * {@code "type"} tag: {@code reader}, {@code parallel} or {@code mixture}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReaderPosition.class, name = "reader"),
    @JsonSubTypes.Type(value = ParallelPosition.class, name = "parallel"),
    @JsonSubTypes.Type(value = MixturePosition.class, name = "mixture")
})
public sealed interface StreamPosition permits ReaderPosition, ParallelPosition, MixturePosition {
    default String toJson() {
        return Json.line(this);
    }

    default JsonNode toTree() {
        return Json.MAPPER.valueToTree(this);
    }

    static StreamPosition fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, StreamPosition.class);
        } catch (JsonProcessingException e) {
            throw new UserError("data position: malformed: " + e.getOriginalMessage());
        }
    }

    static StreamPosition fromTree(JsonNode tree) {
        try {
            return Json.MAPPER.treeToValue(tree, StreamPosition.class);
        } catch (JsonProcessingException e) {
            throw new UserError("data position: malformed: " + e.getOriginalMessage());
        }
    }
}
