package io.step3vl.inference.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ReasoningSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat-completion replies and streaming chunks: written by the server (reasoning split into
 * {@code reasoning_content} as vLLM's reasoning parser does), read by the client (either
 * {@code reasoning_content}, newer vLLM's {@code reasoning}, or inline {@code <think>} text).
 *
 * <p>OpenAI replies count completion tokens per request, not per choice: with n &gt; 1 the total is
 * shared out evenly over the choices (the total stays exact, which is what throughput needs).
 */
public final class ChatResponseJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ChatResponseJson() {}

    /** The non-streaming reply to a request in thinking mode {@code thinking}. */
    public static ObjectNode completion(String id, String model, long created, List<Completion> completions,
                                        boolean thinking) {
        ObjectNode body = header(id, "chat.completion", model, created);
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            ReasoningSplit split = ReasoningSplit.of(c, thinking);
            ObjectNode choice = choices.addObject().put("index", i);
            ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", split.content());
            if (split.reasoning().isEmpty()) {
                message.putNull("reasoning_content");
            } else {
                message.put("reasoning_content", split.reasoning());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", c.finishReason());
        }
        body.set("usage", usage(completions));
        return body;
    }

    /** A streaming chunk carrying one delta of choice {@code index}; null fields are omitted. */
    public static ObjectNode chunk(String id, String model, long created, int index, String role, String content,
                                   String reasoning, String finishReason) {
        ObjectNode body = header(id, "chat.completion.chunk", model, created);
        ObjectNode choice = body.putArray("choices").addObject().put("index", index);
        ObjectNode delta = choice.putObject("delta");
        if (role != null) {
            delta.put("role", role);
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (reasoning != null) {
            delta.put("reasoning_content", reasoning);
        }
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return body;
    }

    /** The last chunk of a stream with {@code stream_options.include_usage}: no choices, the usage. */
    public static ObjectNode usageChunk(String id, String model, long created, List<Completion> completions) {
        ObjectNode body = header(id, "chat.completion.chunk", model, created);
        body.putArray("choices");
        body.set("usage", usage(completions));
        return body;
    }

    public static ObjectNode usage(List<Completion> completions) {
        int prompt = completions.isEmpty() ? 0 : completions.get(0).promptTokens();
        int generated = 0;
        for (Completion c : completions) {
            generated += c.completionTokens();
        }
        return F.objectNode().put("prompt_tokens", prompt).put("completion_tokens", generated)
                .put("total_tokens", prompt + generated);
    }

    /** Reads a non-streaming reply; {@code latencySeconds} is stamped on every completion. */
    public static List<Completion> parse(JsonNode body, double latencySeconds) {
        JsonNode choices = body.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new IllegalStateException("reply has no choices: " + abbreviate(body.toString()));
        }
        int n = choices.size();
        Completion[] out = new Completion[n];
        JsonNode usage = body.path("usage");
        int prompt = usage.path("prompt_tokens").asInt(0);
        int[] shares = shareOut(usage.path("completion_tokens").asInt(0), n);
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(-1);
            if (index < 0 || index >= n || out[index] != null) {
                throw new IllegalStateException("reply has a bad choice index " + choice.path("index"));
            }
            JsonNode message = choice.path("message");
            out[index] = new Completion(textOrEmpty(message.get("content")), reasoningOf(message),
                    choice.path("finish_reason").asText("stop"), prompt, shares[index], latencySeconds, null, null);
        }
        return List.of(out);
    }

    /** The separated reasoning of a message or delta: {@code reasoning_content} or {@code reasoning}. */
    public static String reasoningOf(JsonNode messageOrDelta) {
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            JsonNode v = messageOrDelta.get(field);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    /** {@code total} split into {@code n} near-equal parts that add up to it. */
    public static int[] shareOut(int total, int n) {
        int[] shares = new int[n];
        for (int i = 0; i < n; i++) {
            shares[i] = total / n + (i < total % n ? 1 : 0);
        }
        return shares;
    }

    static String textOrEmpty(JsonNode v) {
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static ObjectNode header(String id, String object, String model, long created) {
        return F.objectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    /** Completions in index order from parts gathered while streaming. */
    public static List<Completion> assemble(List<StringBuilder> contents, List<StringBuilder> reasonings,
                                            List<String> finishReasons, int promptTokens, int completionTokens,
                                            double latencySeconds) {
        int n = contents.size();
        int[] shares = shareOut(completionTokens, n);
        List<Completion> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder r = reasonings.get(i);
            String finish = finishReasons.get(i);
            out.add(new Completion(contents.get(i).toString(), r == null ? null : r.toString(),
                    finish == null ? "stop" : finish, promptTokens, shares[i], latencySeconds, null, null));
        }
        return out;
    }
}
