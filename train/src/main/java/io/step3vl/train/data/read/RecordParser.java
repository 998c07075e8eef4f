package io.step3vl.train.data.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.step3vl.common.Json;
import io.step3vl.train.data.Origin;
import io.step3vl.train.data.Part;
import io.step3vl.train.data.Reference;
import io.step3vl.train.data.Role;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the toolkit's record formats (Contracts §4) into typed samples:
 * {@code {"messages": [...]}} (SFT, or an RL/eval prompt when it has {@code "answer"}),
 * {@code {"content": [...] | "..."}} (interleaved) and {@code {"text": "..."}}. Content parts are
 * {@code {"type":"text","text"}}, {@code {"type":"image","image"}} and OpenAI's
 * {@code {"type":"image_url","image_url":{"url"}}}. A tar sample without JSON is a caption pair
 * (an image member + {@code txt}) or plain text ({@code txt}). Every problem is a
 * {@link BadRecordException} naming the field.
 */
public final class RecordParser {
    private static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "webp", "bmp", "gif");

    private final SampleKind kind;

    public RecordParser(SampleKind kind) {
        this.kind = kind;
    }

    /** Parses a JSON record's bytes. */
    public Sample parseJson(byte[] json, ImageResolver images, Origin origin) throws BadRecordException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadRecordException("malformed JSON at column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRecordException("malformed JSON: " + e.getMessage());
        }
        return parse(node, images, origin);
    }

    /** Parses a tar sample: its {@code json} member, else an image + {@code txt} caption pair, else {@code txt}. */
    public Sample parseMembers(String key, Map<String, byte[]> members, ImageResolver images, Origin origin)
            throws BadRecordException {
        if (members.containsKey("json")) {
            return parseJson(members.get("json"), images, origin);
        }
        byte[] txt = members.get("txt");
        String imageExt = null;
        for (String ext : members.keySet()) {
            if (IMAGE_EXTENSIONS.contains(ext.toLowerCase(java.util.Locale.ROOT))) {
                imageExt = ext;
                break;
            }
        }
        Sample sample;
        if (txt != null && imageExt != null) {
            sample = new Sample.Document(List.of(new Part.Image(images.resolve(key + "." + imageExt)),
                    new Part.Text(new String(txt, StandardCharsets.UTF_8))), origin);
        } else if (txt != null) {
            sample = new Sample.Text(new String(txt, StandardCharsets.UTF_8), origin);
        } else {
            throw new BadRecordException("missing member: expected json, or txt (with an image for a caption pair); has "
                    + members.keySet());
        }
        return expect(sample);
    }

    public Sample parse(JsonNode node, ImageResolver images, Origin origin) throws BadRecordException {
        if (node == null || !node.isObject()) {
            throw new BadRecordException("expected a JSON object, got " + describe(node));
        }
        Sample sample;
        if (node.has("messages")) {
            sample = new Sample.Chat(turns(node.get("messages"), images), reference(node), origin);
        } else if (node.has("content")) {
            sample = new Sample.Document(parts(node.get("content"), "content", images), origin);
        } else if (node.has("text")) {
            JsonNode text = node.get("text");
            if (!text.isTextual()) {
                throw new BadRecordException("text: expected a string, got " + describe(text));
            }
            sample = new Sample.Text(text.asText(), origin);
        } else {
            throw new BadRecordException("missing field: expected \"messages\", \"content\" or \"text\"");
        }
        return expect(sample);
    }

    private Sample expect(Sample sample) throws BadRecordException {
        if (!kind.accepts(sample)) {
            throw new BadRecordException("expected " + kind.description());
        }
        return sample;
    }

    private static List<Turn> turns(JsonNode messages, ImageResolver images) throws BadRecordException {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new BadRecordException("messages: expected a non-empty array, got " + describe(messages));
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw new BadRecordException(at + ": expected an object, got " + describe(m));
            }
            JsonNode roleNode = m.get("role");
            if (roleNode == null || !roleNode.isTextual()) {
                throw new BadRecordException(at + ".role: missing; expected system, user or assistant");
            }
            Role role = Role.parse(roleNode.asText());
            if (role == null) {
                throw new BadRecordException(at + ".role: expected system, user or assistant, got '"
                        + roleNode.asText() + "'");
            }
            JsonNode content = m.get("content");
            JsonNode reasoningNode = m.get("reasoning_content");
            String reasoning = null;
            if (reasoningNode != null && !reasoningNode.isNull()) {
                if (!reasoningNode.isTextual()) {
                    throw new BadRecordException(at + ".reasoning_content: expected a string, got "
                            + describe(reasoningNode));
                }
                if (role != Role.ASSISTANT) {
                    throw new BadRecordException(at + ".reasoning_content: only assistant turns have reasoning");
                }
                reasoning = reasoningNode.asText();
            }
            List<Part> parts;
            if (content == null || content.isNull()) {
                if (reasoning == null) {
                    throw new BadRecordException(at + ".content: missing");
                }
                parts = List.of();
            } else {
                parts = parts(content, at + ".content", images);
            }
            turns.add(new Turn(role, parts, reasoning));
        }
        return turns;
    }

    private static List<Part> parts(JsonNode content, String at, ImageResolver images) throws BadRecordException {
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw new BadRecordException(at + ": expected a string or an array of parts, got " + describe(content));
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String where = at + "[" + i + "]";
            JsonNode part = content.get(i);
            if (part.isTextual()) {
                parts.add(new Part.Text(part.asText()));
                continue;
            }
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> {
                    JsonNode text = part.get("text");
                    if (text == null || !text.isTextual()) {
                        throw new BadRecordException(where + ".text: expected a string");
                    }
                    parts.add(new Part.Text(text.asText()));
                }
                case "image" -> {
                    JsonNode ref = part.get("image");
                    if (ref == null || !ref.isTextual()) {
                        throw new BadRecordException(where + ".image: expected a path or URL string");
                    }
                    parts.add(new Part.Image(resolve(images, ref.asText(), where)));
                }
                case "image_url" -> {
                    JsonNode url = part.get("image_url");
                    JsonNode ref = url != null && url.isObject() ? url.get("url") : url;
                    if (ref == null || !ref.isTextual()) {
                        throw new BadRecordException(where + ".image_url.url: expected a string");
                    }
                    parts.add(new Part.Image(resolve(images, ref.asText(), where)));
                }
                default -> throw new BadRecordException(where + ".type: expected text, image or image_url, got "
                        + (type.isEmpty() ? "none" : "'" + type + "'"));
            }
        }
        return parts;
    }

    private static io.step3vl.train.data.ImageRef resolve(ImageResolver images, String ref, String where)
            throws BadRecordException {
        try {
            return images.resolve(ref);
        } catch (BadRecordException e) {
            throw new BadRecordException(where + ": " + e.getMessage());
        }
    }

    private static Reference reference(JsonNode node) throws BadRecordException {
        JsonNode answer = node.get("answer");
        if (answer == null || answer.isNull()) {
            return null;
        }
        if (!answer.isValueNode()) {
            throw new BadRecordException("answer: expected a string or number, got " + describe(answer));
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode opts = node.get("options");
        if (opts != null && !opts.isNull()) {
            if (!opts.isObject()) {
                throw new BadRecordException("options: expected an object of letter to text, got " + describe(opts));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                options.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode metadata = node.get("metadata");
        return new Reference(node.path("id").asText(null), answer.asText(), node.path("answer_type").asText("text"),
                node.path("category").asText(null), options,
                metadata == null || metadata.isNull() ? JsonNodeFactory.instance.objectNode() : metadata);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
