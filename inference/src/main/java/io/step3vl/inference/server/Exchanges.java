package io.step3vl.inference.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.step3vl.common.Json;
import io.step3vl.inference.openai.OpenAiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Reading bodies under a cap, writing JSON and errors, and the API-key check. */
final class Exchanges {
    private Exchanges() {}

    static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.line(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange ex, HttpFailure f) throws IOException {
        sendJson(ex, f.status, OpenAiError.body(f.getMessage(), f.type, f.param, f.code));
    }

    /** The body, refused with 413 past {@code cap} bytes (checked before reading when the length is declared). */
    static byte[] readBody(HttpExchange ex, long cap) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > cap) {
                    throw tooLarge(cap);
                }
            } catch (NumberFormatException e) {
                throw HttpFailure.badRequest("malformed Content-Length header", null);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > cap) {
                    throw tooLarge(cap);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HttpFailure.badRequest("empty request body; expected a JSON object", null);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpFailure.badRequest("malformed JSON in request body: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw HttpFailure.badRequest("unreadable request body: " + e.getMessage(), null);
        }
    }

    /** Throws 401 unless the request carries {@code Bearer apiKey} (compared in constant time). */
    static void checkApiKey(HttpExchange ex, String apiKey) {
        if (apiKey == null) {
            return;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpFailure(401, header == null ? "missing API key: send Authorization: Bearer <key>"
                    : "incorrect API key", "invalid_request_error", null, "invalid_api_key");
        }
    }

    static void requireMethod(HttpExchange ex, String method) {
        if (!ex.getRequestMethod().equalsIgnoreCase(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new HttpFailure(405, ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath()
                    + "; use " + method, "invalid_request_error", null, "method_not_allowed");
        }
    }

    private static HttpFailure tooLarge(long cap) {
        return new HttpFailure(413, "request body is over the " + cap + "-byte limit", "invalid_request_error", null,
                "request_too_large");
    }
}
