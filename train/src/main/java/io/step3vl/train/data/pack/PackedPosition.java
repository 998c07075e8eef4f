package io.step3vl.train.data.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.train.data.StreamPosition;

/**
 * Where a packed stream stands after its last pack: the sample stream's position at the first
 * sample of the still-open pack (those samples are read again on resume and packed identically),
 * and the counts so far. This is the data cursor a training checkpoint saves.
 */
public record PackedPosition(StreamPosition samples, PackingStats stats) {
    public String toJson() {
        return Json.line(this);
    }

    public static PackedPosition fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, PackedPosition.class);
        } catch (JsonProcessingException e) {
            throw new UserError("data position: malformed: " + e.getOriginalMessage());
        }
    }
}
