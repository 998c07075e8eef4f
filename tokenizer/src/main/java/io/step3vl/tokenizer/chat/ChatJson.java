package io.step3vl.tokenizer.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads conversations in the toolkit's JSON form (contract §4): a message is
 * {@code {"role", "content", "reasoning_content"?}} where content is a string (one text part) or a list
 * of {@code {"type":"text","text"}}, {@code {"type":"image","image": PATH|URL|DATA-URI}} and OpenAI's
 * {@code {"type":"image_url","image_url":{"url": ...}}}. Image paths are resolved against the
 * directory of the file they were read from. Other message fields (tool_calls, name, ...) are kept.
 */
public final class ChatJson {
    private static final Set<String> KNOWN_FIELDS = Set.of("role", "content", "reasoning_content");

    private ChatJson() {}

    /** A chat file: {@code {"messages": [...]}} or a bare array of messages. */
    public static List<Message> readFile(Path file) {
        JsonNode root = Json.readTree(file);
        JsonNode messages = root.isArray() ? root : root.path("messages");
        if (!messages.isArray()) {
            throw UserError.at(file, "expected {\"messages\": [...]} or an array of messages");
        }
        Path base = file.toAbsolutePath().getParent();
        return messages(messages, base, file + ": messages");
    }

    /** Messages of a JSON array; {@code where} prefixes errors (e.g. "data.jsonl:12: messages"). */
    public static List<Message> messages(JsonNode array, Path baseDir, String where) {
        if (!array.isArray()) {
            throw new UserError(where + ": expected an array of messages");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), baseDir, where + "[" + i + "]"));
        }
        return messages;
    }

    public static Message message(JsonNode node, Path baseDir, String where) {
        if (!node.isObject()) {
            throw new UserError(where + ": expected an object with role and content");
        }
        JsonNode role = node.path("role");
        if (!role.isTextual() || role.asText().isEmpty()) {
            throw new UserError(where + ".role: expected a non-empty string such as \"user\"");
        }
        List<Part> parts = parts(node.path("content"), baseDir, where + ".content");
        JsonNode reasoningNode = node.path("reasoning_content");
        String reasoning = null;
        if (reasoningNode.isTextual()) {
            reasoning = reasoningNode.asText();
        } else if (!reasoningNode.isMissingNode() && !reasoningNode.isNull()) {
            throw new UserError(where + ".reasoning_content: expected a string");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!KNOWN_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class));
            }
        }
        extra.values().removeIf(v -> v == null);
        return new Message(role.asText(), parts, reasoning, extra);
    }

    private static List<Part> parts(JsonNode content, Path baseDir, String where) {
        if (content.isMissingNode() || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw new UserError(where + ": expected a string or a list of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(part(content.get(i), baseDir, where + "[" + i + "]"));
        }
        return parts;
    }

    private static Part part(JsonNode node, Path baseDir, String where) {
        if (node.isTextual()) {
            return new Part.Text(node.asText());
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "text" -> {
                if (!node.path("text").isTextual()) {
                    throw new UserError(where + ".text: expected a string");
                }
                return new Part.Text(node.path("text").asText());
            }
            case "image" -> {
                JsonNode image = node.path("image");
                if (!image.isTextual() || image.asText().isEmpty()) {
                    throw new UserError(where + ".image: expected a path, URL or data URI");
                }
                return new Part.Image(resolve(image.asText(), baseDir));
            }
            case "image_url" -> {
                JsonNode url = node.path("image_url");
                JsonNode text = url.isTextual() ? url : url.path("url");
                if (!text.isTextual() || text.asText().isEmpty()) {
                    throw new UserError(where + ".image_url.url: expected a URL, data URI or path");
                }
                return new Part.Image(resolve(text.asText(), baseDir));
            }
            default -> throw new UserError(where + ".type: expected \"text\", \"image\" or \"image_url\", got \""
                    + type + "\"");
        }
    }

    /** URLs and data URIs stay as they are; a path becomes absolute against the file's directory. */
    static String resolve(String source, Path baseDir) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("data:") || lower.startsWith("http://") || lower.startsWith("https://")) {
            return source;
        }
        String path = lower.startsWith("file://") ? source.substring("file://".length()) : source;
        return baseDir == null ? path : baseDir.resolve(path).normalize().toString();
    }
}
