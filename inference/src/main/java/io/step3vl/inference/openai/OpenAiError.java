package io.step3vl.inference.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;

/** OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}, written and read. */
public final class OpenAiError {
    private OpenAiError() {}

    public static ObjectNode body(String message, String type, String param, String code) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }

    /**
     * The human-readable message in an error reply: OpenAI's {@code error.message}, a FastAPI
     * {@code detail}, a top-level {@code message}, or the start of the raw body.
     */
    public static String messageOf(String responseBody) {
        if (responseBody == null || responseBody.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(responseBody);
            if (node != null && node.isObject()) {
                JsonNode error = node.get("error");
                if (error != null && error.isObject() && error.hasNonNull("message")) {
                    return error.get("message").asText();
                }
                if (error != null && error.isTextual()) {
                    return error.asText();
                }
                if (node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
                if (node.has("detail")) {
                    JsonNode detail = node.get("detail");
                    return detail.isTextual() ? detail.asText() : detail.toString();
                }
            }
        } catch (java.io.IOException notJson) {
            // fall through to the raw text
        }
        String oneLine = responseBody.strip().replaceAll("\\s+", " ");
        return ChatResponseJson.abbreviate(oneLine);
    }
}
