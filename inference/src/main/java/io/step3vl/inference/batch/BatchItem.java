package io.step3vl.inference.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.image.ImageSources;
import io.step3vl.inference.openai.MessageJson;
import java.nio.file.Path;
import java.util.List;

/**
 * One item of an items file: its id and its raw JSON, whose messages (and images) are read only when
 * the item runs, so a large file with images does not sit in memory.
 */
public record BatchItem(String id, JsonNode json, Path file, int line) {
    /** The item's messages, images loaded relative to the items file. */
    public List<ChatMessage> messages() {
        Path dir = file.toAbsolutePath().getParent();
        return MessageJson.fromJson(json.get("messages"), ImageSources.forUserInput(dir), file + ":" + line);
    }
}
