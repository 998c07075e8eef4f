package io.step3vl.shapes.output;

import io.step3vl.shapes.tasks.Question;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-ready maps in the toolkit's data formats (Contracts §4); image references are passed in. */
public final class Records {
    private Records() {}

    public static Map<String, Object> text(String text) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "text");
        part.put("text", text);
        return part;
    }

    public static Map<String, Object> image(String reference) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "image");
        part.put("image", reference);
        return part;
    }

    /** A user turn: the image first, then the question (the release's layout). */
    public static Map<String, Object> userTurn(String imageRef, String prompt) {
        List<Object> content = new ArrayList<>();
        if (imageRef != null) {
            content.add(image(imageRef));
        }
        content.add(text(prompt));
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("role", "user");
        turn.put("content", content);
        return turn;
    }

    /** An assistant turn with the short answer as content and, when given, the reasoning trace. */
    public static Map<String, Object> assistantTurn(String answer, String reasoning) {
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("role", "assistant");
        turn.put("content", answer);
        if (reasoning != null) {
            turn.put("reasoning_content", reasoning);
        }
        return turn;
    }

    /**
     * SFT: {@code {"id", "category", "messages": [user, assistant]}}; {@code imageRef} may be null (text-only).
     * A conversation without a trace ({@code reasoning} null) gets an empty {@code reasoning_content}: the
     * chat template renders it as the thinking-off form ({@code <think>\n\n</think>\n\n}), the same
     * prefix a {@code --no-think} prompt ends with, so direct answering is trained as it is asked for.
     */
    public static Map<String, Object> sft(String id, String category, String imageRef, String prompt, String answer,
                                          String reasoning) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("category", category);
        record.put("messages", List.of(userTurn(imageRef, prompt), assistantTurn(answer, reasoning == null ? "" : reasoning)));
        return record;
    }

    /** Eval / RL item: {@code {"id", "messages", "answer", "answer_type", "category", "options"?, "metadata"}}. */
    public static Map<String, Object> evalItem(String id, String imageRef, Question q, Map<String, Object> extraMeta) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("messages", List.of(userTurn(imageRef, q.prompt())));
        record.put("answer", q.answer());
        record.put("answer_type", q.answerType().word());
        record.put("category", q.task().category());
        if (q.options() != null) {
            record.put("options", q.options());
        }
        Map<String, Object> meta = new LinkedHashMap<>(extraMeta);
        meta.put("variant", q.variant());
        meta.putAll(q.metadata());
        record.put("metadata", meta);
        return record;
    }

    /** Pre-training caption pair as an interleaved document: {@code {"id", "content": [image, text]}}. */
    public static Map<String, Object> caption(String id, String imageRef, String caption) {
        return interleaved(id, List.of(image(imageRef), text(caption)));
    }

    public static Map<String, Object> interleaved(String id, List<Map<String, Object>> parts) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("content", parts);
        return record;
    }

    /** Text-only pre-training document: {@code {"id", "text"}}. */
    public static Map<String, Object> textDocument(String id, String text) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("text", text);
        return record;
    }
}
