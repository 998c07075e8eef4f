package io.step3vl.eval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.ImageData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Streams eval items from JSONL (Contracts §4): {@code id}, {@code messages} (system/user turns;
 * content a string or parts: text, image paths relative to the file, {@code image_url} data URIs),
 * {@code answer} (a string, a number, or a list of accepted answers), {@code answer_type}
 * (default: choice when {@code options} exist, else text), {@code options}, {@code category},
 * {@code l2_category}, {@code metadata}. A shorthand item may give {@code question} with {@code image}
 * or {@code images} instead of messages. Blank lines are skipped; a truncated last line (a killed
 * writer) is an error like any malformed line.
 */
final class JsonlItems implements ItemStream {
    private final DatasetSpec spec;
    private final BufferedReader reader;
    private final ItemImages images;
    private final Set<String> seen = new HashSet<>();
    private int lineNumber;
    private int produced;
    private final int total;
    private EvalItem next;

    JsonlItems(DatasetSpec spec) {
        this.spec = spec;
        this.total = count(spec);
        try {
            this.reader = Files.newBufferedReader(spec.path(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw UserError.at(spec.path(), "no such file");
        } catch (IOException e) {
            throw UserError.at(spec.path(), "cannot read: " + e.getMessage());
        }
        Path dir = spec.path().toAbsolutePath().getParent();
        this.images = new ItemImages(dir);
    }

    /** Counts items without building them (non-blank lines), honouring the limit. */
    static int count(DatasetSpec spec) {
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(spec.path(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    n++;
                    if (spec.limit() > 0 && n >= spec.limit()) {
                        break;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw UserError.at(spec.path(), "no such file");
        } catch (IOException e) {
            throw UserError.at(spec.path(), "cannot read: " + e.getMessage());
        }
        return n;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (spec.limit() > 0 && produced >= spec.limit()) {
            return false;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    next = parse(line, spec.path() + ":" + lineNumber);
                    produced++;
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.path(), e);
        }
    }

    @Override
    public EvalItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EvalItem item = next;
        next = null;
        return item;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    private EvalItem parse(String line, String where) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserError(where + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UserError(where + ": expected a JSON object per line");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isBlank()) {
            throw new UserError(where + ": id: expected a non-empty string (or integer) item id");
        }
        String id = idNode.asText();
        if (!seen.add(id)) {
            throw new UserError(where + ": id: '" + id + "' appears twice; ids must be unique within a dataset");
        }
        Map<String, String> options = options(node.get("options"), where);
        Map<String, Object> metadata = metadata(node.get("metadata"), where);
        List<ChatMessage> messages = messages(node, where);
        String hint = node.path("hint").isTextual() ? node.get("hint").asText() : null;
        if (spec.prompt() != null) {
            messages = withRenderedLastUser(messages, spec.prompt(), hint, options);
        }
        if (spec.system() != null && !spec.system().isEmpty()
                && (messages.isEmpty() || !messages.get(0).role().equals("system"))) {
            List<ChatMessage> withSystem = new ArrayList<>();
            withSystem.add(ChatMessage.system(spec.system()));
            withSystem.addAll(messages);
            messages = withSystem;
        }
        AnswerType type = spec.answerType() != null ? spec.answerType()
                : node.hasNonNull("answer_type") ? AnswerType.parse(node.get("answer_type").asText(), where + ": answer_type")
                : options.isEmpty() ? AnswerType.TEXT : AnswerType.CHOICE;
        List<ImageData> allImages = new ArrayList<>();
        messages.forEach(m -> allImages.addAll(m.images()));
        Reference ref = ReferenceBuilder.build(answers(node.get("answer"), where), type, options, metadata, allImages, where);
        String category = text(node, "category");
        String l2 = node.has("l2_category") ? text(node, "l2_category") : text(node, "l2-category");
        return new EvalItem(id, messages, ref, category, l2, metadata, where);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static List<String> answers(JsonNode answer, String where) {
        if (answer == null || answer.isNull()) {
            throw new UserError(where + ": answer: expected the reference answer (a string, number or list)");
        }
        List<String> out = new ArrayList<>();
        if (answer.isArray()) {
            boolean allNumbers = answer.size() > 0;
            for (JsonNode a : answer) {
                allNumbers &= a.isNumber();
            }
            if (allNumbers) {
                out.add(answer.toString()); // a box or point given as a JSON array: [x1, y1, x2, y2]
                return out;
            }
            for (JsonNode a : answer) {
                if (a.isContainerNode()) {
                    out.add(a.toString());
                } else if (a.isValueNode() && !a.isNull()) {
                    out.add(a.asText());
                } else {
                    throw new UserError(where + ": answer: list entries must be strings or numbers");
                }
            }
        } else if (answer.isValueNode()) {
            out.add(answer.asText());
        } else {
            throw new UserError(where + ": answer: expected a string, number or list, got an object");
        }
        return out;
    }

    private static Map<String, String> options(JsonNode node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new UserError(where + ": options: expected an object of letter to option text, e.g. {\"A\": \"red\"}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String letter = e.getKey().strip();
            if (!letter.matches("[A-J]")) {
                throw new UserError(where + ": options: expected letters A to J as keys, got '" + e.getKey() + "'");
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new UserError(where + ": options." + letter + ": expected the option text");
            }
            out.put(letter, e.getValue().asText());
        }
        return out;
    }

    private static Map<String, Object> metadata(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new UserError(where + ": metadata: expected an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.convertValue(node, Map.class);
        return m;
    }

    private List<ChatMessage> messages(JsonNode node, String where) {
        JsonNode msgs = node.get("messages");
        if (msgs == null || msgs.isNull()) {
            return shorthand(node, where);
        }
        if (!msgs.isArray() || msgs.isEmpty()) {
            throw new UserError(where + ": messages: expected a non-empty list of {role, content} turns");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            JsonNode m = msgs.get(i);
            String at = where + ": messages[" + i + "]";
            String role = m.path("role").asText("");
            if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
                throw new UserError(at + ".role: expected system, user or assistant, got '" + role + "'");
            }
            String reasoning = m.hasNonNull("reasoning_content") ? m.get("reasoning_content").asText() : null;
            out.add(new ChatMessage(role, parts(m.get("content"), at + ".content"), reasoning));
        }
        if (!out.get(out.size() - 1).role().equals("user")) {
            throw new UserError(where + ": messages: the last turn must be the user's question");
        }
        return out;
    }

    private List<ChatMessage> shorthand(JsonNode node, String where) {
        JsonNode q = node.get("question");
        if (q == null || !q.isTextual()) {
            throw new UserError(where + ": expected 'messages' (or a 'question' string)");
        }
        List<ImageData> imgs = new ArrayList<>();
        if (node.hasNonNull("image")) {
            imgs.add(images.load(node.get("image").asText(), where + ": image"));
        }
        if (node.has("images")) {
            if (!node.get("images").isArray()) {
                throw new UserError(where + ": images: expected a list of image paths");
            }
            for (JsonNode i : node.get("images")) {
                imgs.add(images.load(i.asText(), where + ": images"));
            }
        }
        return List.of(ChatMessage.user(q.asText(), imgs));
    }

    private List<ContentPart> parts(JsonNode content, String where) {
        List<ContentPart> out = new ArrayList<>();
        if (content == null || content.isNull()) {
            throw new UserError(where + ": expected a string or a list of parts");
        }
        if (content.isTextual()) {
            out.add(new ContentPart.Text(content.asText()));
            return out;
        }
        if (!content.isArray()) {
            throw new UserError(where + ": expected a string or a list of parts");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode p = content.get(i);
            String at = where + "[" + i + "]";
            String type = p.path("type").asText("");
            switch (type) {
                case "text" -> {
                    if (!p.path("text").isTextual()) {
                        throw new UserError(at + ".text: expected a string");
                    }
                    out.add(new ContentPart.Text(p.get("text").asText()));
                }
                case "image" -> {
                    if (!p.path("image").isTextual()) {
                        throw new UserError(at + ".image: expected an image path relative to the data file");
                    }
                    out.add(new ContentPart.Image(images.load(p.get("image").asText(), at)));
                }
                case "image_url" -> {
                    JsonNode url = p.path("image_url");
                    String ref = url.isTextual() ? url.asText() : url.path("url").asText("");
                    if (ref.isEmpty()) {
                        throw new UserError(at + ".image_url.url: expected a data: URI or path");
                    }
                    out.add(new ContentPart.Image(images.load(ref, at)));
                }
                default -> throw new UserError(at + ".type: expected text, image or image_url, got '" + type + "'");
            }
        }
        return out;
    }

    /** The last user turn with its text replaced by the rendered template; images stay where they were. */
    static List<ChatMessage> withRenderedLastUser(List<ChatMessage> messages, PromptTemplate template, String hint,
                                                  Map<String, String> options) {
        List<ChatMessage> out = new ArrayList<>(messages);
        for (int i = out.size() - 1; i >= 0; i--) {
            ChatMessage m = out.get(i);
            if (!m.role().equals("user")) {
                continue;
            }
            String rendered = template.render(m.text(), hint, options);
            List<ContentPart> parts = new ArrayList<>();
            boolean placed = false;
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Text) {
                    if (!placed) {
                        parts.add(new ContentPart.Text(rendered));
                        placed = true;
                    }
                } else {
                    parts.add(p);
                }
            }
            if (!placed) {
                parts.add(new ContentPart.Text(rendered));
            }
            out.set(i, new ChatMessage(m.role(), parts, m.reasoning()));
            break;
        }
        return out;
    }
}
