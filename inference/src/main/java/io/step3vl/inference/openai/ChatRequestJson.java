package io.step3vl.inference.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.image.ImageSources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A chat-completions request body, written by the client and read by the server. Sampling fields
 * that vLLM adds to OpenAI's set ({@code top_k}, {@code min_p}, {@code repetition_penalty}) and the
 * thinking switch ({@code chat_template_kwargs.enable_thinking}) are written only when they differ
 * from "off", so a strict server that does not know them still accepts a plain request.
 */
public final class ChatRequestJson {
    /** Above this a request is refused: n is the number of full generations the server runs. */
    public static final int MAX_N = 128;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ChatRequestJson() {}

    /** A request read by the server: which model, what to run, and how to answer. */
    public record Parsed(String model, ChatRequest request, boolean stream, boolean includeUsage) {}

    public static ObjectNode toJson(ChatRequest request, String model, boolean stream) {
        SamplingParams s = request.sampling();
        ObjectNode body = F.objectNode();
        body.put("model", model);
        body.set("messages", MessageJson.toJson(request.messages()));
        body.put("n", request.n());
        body.put("temperature", s.temperature());
        body.put("top_p", s.topP());
        if (s.topK() > 0) {
            body.put("top_k", s.topK());
        }
        if (s.minP() > 0) {
            body.put("min_p", s.minP());
        }
        if (s.repetitionPenalty() != 1.0) {
            body.put("repetition_penalty", s.repetitionPenalty());
        }
        body.put("max_tokens", s.maxTokens());
        body.put("seed", s.seed());
        if (!s.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            s.stop().forEach(stop::add);
        }
        if (!s.thinking()) {
            body.putObject("chat_template_kwargs").put("enable_thinking", false);
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * Reads a request body. Absent sampling fields take {@code defaults}; an absent seed is drawn at
     * random (as OpenAI servers do) so that unseeded requests differ.
     */
    public static Parsed fromJson(JsonNode body, ImageSources images, SamplingParams defaults) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "the request body must be a JSON object");
        }
        JsonNode modelNode = body.get("model");
        if (modelNode == null || !modelNode.isTextual() || modelNode.asText().isBlank()) {
            throw new InvalidRequestException("model", "expected the served model name");
        }
        var messages = MessageJson.fromJson(body.get("messages"), images, null);
        int n = intField(body, "n", 1);
        if (n < 1 || n > MAX_N) {
            throw new InvalidRequestException("n", "expected 1.." + MAX_N + ", got " + n);
        }
        int maxTokens = body.has("max_completion_tokens") && !body.get("max_completion_tokens").isNull()
                ? intField(body, "max_completion_tokens", defaults.maxTokens())
                : intField(body, "max_tokens", defaults.maxTokens());
        long seed = body.has("seed") && !body.get("seed").isNull()
                ? longField(body, "seed") : ThreadLocalRandom.current().nextLong(1L << 53);
        boolean thinking = defaults.thinking();
        JsonNode kwargs = body.path("chat_template_kwargs");
        if (kwargs.has("enable_thinking")) {
            thinking = booleanField(kwargs, "chat_template_kwargs.enable_thinking");
        }
        int topK = intField(body, "top_k", defaults.topK());
        SamplingParams sampling;
        try {
            sampling = new SamplingParams(
                    doubleField(body, "temperature", defaults.temperature()),
                    doubleField(body, "top_p", defaults.topP()),
                    topK < 0 ? 0 : topK, // vLLM spells "no top-k" as -1
                    doubleField(body, "min_p", defaults.minP()),
                    doubleField(body, "repetition_penalty", defaults.repetitionPenalty()),
                    maxTokens, seed, stopField(body, defaults.stop()), thinking);
        } catch (IllegalArgumentException e) {
            String param = paramOf(e.getMessage());
            throw new InvalidRequestException(param,
                    param == null ? e.getMessage() : e.getMessage().substring(param.length() + 1));
        }
        boolean stream = body.has("stream") && booleanField(body, "stream");
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new Parsed(modelNode.asText(), new ChatRequest(messages, sampling, n), stream, includeUsage);
    }

    private static List<String> stopField(JsonNode body, List<String> fallback) {
        JsonNode stop = body.get("stop");
        if (stop == null || stop.isNull()) {
            return fallback;
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    throw new InvalidRequestException("stop", "expected a string or an array of strings");
                }
                out.add(s.asText());
            }
            return out;
        }
        throw new InvalidRequestException("stop", "expected a string or an array of strings");
    }

    private static int intField(JsonNode body, String name, int fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidRequestException(name, "expected an integer, got " + v);
        }
        return v.intValue();
    }

    private static long longField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidRequestException(name, "expected an integer, got " + v);
        }
        return v.longValue();
    }

    private static double doubleField(JsonNode body, String name, double fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new InvalidRequestException(name, "expected a number, got " + v);
        }
        return v.doubleValue();
    }

    private static boolean booleanField(JsonNode body, String name) {
        JsonNode v = body.get(name.substring(name.lastIndexOf('.') + 1));
        if (v == null || !v.isBoolean()) {
            throw new InvalidRequestException(name, "expected true or false, got " + v);
        }
        return v.booleanValue();
    }

    /** SamplingParams names the field first ("top_p must be ..."); that is the OpenAI param. */
    private static String paramOf(String message) {
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        return switch (first) {
            case "temperature", "top_p", "top_k", "min_p", "repetition_penalty", "max_tokens" -> first;
            default -> null;
        };
    }
}
