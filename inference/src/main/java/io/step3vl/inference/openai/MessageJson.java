package io.step3vl.inference.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.image.ImageSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chat messages to and from JSON. Writes OpenAI's shape (a plain string when a turn is one text
 * part, else {@code text}/{@code image_url} parts with images as data URIs). Reads OpenAI's shape and
 * the toolkit's JSONL shape ({@code {"type":"image","image":"images/x.png"}}), a string content being
 * one text part.
 */
public final class MessageJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private MessageJson() {}

    public static ArrayNode toJson(List<ChatMessage> messages) {
        ArrayNode out = F.arrayNode();
        for (ChatMessage m : messages) {
            ObjectNode node = out.addObject();
            node.put("role", m.role());
            List<ContentPart> parts = m.content();
            if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
                node.put("content", t.text());
            } else {
                ArrayNode content = node.putArray("content");
                for (ContentPart part : parts) {
                    if (part instanceof ContentPart.Text t) {
                        content.addObject().put("type", "text").put("text", t.text());
                    } else if (part instanceof ContentPart.Image i) {
                        ObjectNode image = content.addObject().put("type", "image_url");
                        image.putObject("image_url").put("url", i.image().toDataUri());
                    }
                }
            }
            if (m.reasoning() != null) {
                node.put("reasoning_content", m.reasoning());
            }
        }
        return out;
    }

    /**
     * Reads a {@code messages} array. {@code where} prefixes field names in errors (the request or
     * "items.jsonl:12"); image references go through {@code images}.
     */
    public static List<ChatMessage> fromJson(JsonNode messages, ImageSources images, String where) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException(path(where, "messages"), "expected a non-empty array of messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), images, path(where, "messages[" + i + "]")));
        }
        return out;
    }

    private static ChatMessage message(JsonNode node, ImageSources images, String at) {
        if (!node.isObject()) {
            throw new InvalidRequestException(at, "expected an object with role and content");
        }
        String role = node.path("role").asText("");
        if (!ROLES.contains(role)) {
            throw new InvalidRequestException(at + ".role", "expected system, user or assistant, got '" + role + "'");
        }
        JsonNode content = node.get("content");
        List<ContentPart> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            if (!role.equals("assistant")) {
                throw new InvalidRequestException(at + ".content", "missing");
            }
            parts.add(new ContentPart.Text(""));
        } else if (content.isTextual()) {
            parts.add(new ContentPart.Text(content.asText()));
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                parts.add(part(content.get(j), images, at + ".content[" + j + "]"));
            }
            if (parts.isEmpty()) {
                parts.add(new ContentPart.Text(""));
            }
        } else {
            throw new InvalidRequestException(at + ".content", "expected a string or an array of parts");
        }
        JsonNode reasoning = node.get("reasoning_content");
        return new ChatMessage(role, parts, reasoning != null && reasoning.isTextual() ? reasoning.asText() : null);
    }

    private static ContentPart part(JsonNode part, ImageSources images, String at) {
        String type = part.path("type").asText("");
        switch (type) {
            case "text" -> {
                JsonNode text = part.get("text");
                if (text == null || !text.isTextual()) {
                    throw new InvalidRequestException(at + ".text", "expected a string");
                }
                return new ContentPart.Text(text.asText());
            }
            case "image" -> {
                return image(part.get("image"), images, at + ".image");
            }
            case "image_url" -> {
                JsonNode ref = part.get("image_url");
                return image(ref != null && ref.isObject() ? ref.get("url") : ref, images, at + ".image_url");
            }
            default -> throw new InvalidRequestException(at + ".type", "expected text, image or image_url, got '" + type + "'");
        }
    }

    private static ContentPart image(JsonNode ref, ImageSources images, String at) {
        if (ref == null || !ref.isTextual() || ref.asText().isBlank()) {
            throw new InvalidRequestException(at, "expected an image path, data: URI or http(s) URL");
        }
        try {
            return new ContentPart.Image(images.load(ref.asText()));
        } catch (InvalidRequestException e) {
            throw e;
        } catch (UserError e) {
            throw new InvalidRequestException(at, e.getMessage());
        }
    }

    private static String path(String where, String field) {
        return where == null || where.isEmpty() ? field : where + ": " + field;
    }
}
