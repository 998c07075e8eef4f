package io.step3vl.inference.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.image.ImageSources;
import io.step3vl.inference.openai.ChatRequestJson;
import io.step3vl.inference.openai.ChatResponseJson;
import io.step3vl.inference.openai.InvalidRequestException;
import io.step3vl.inference.openai.OpenAiError;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code POST /v1/chat/completions}: validate, hand to the backend, answer whole or as a stream. */
final class ChatCompletions {
    private final ChatBackend backend;
    private final ServerOptions options;
    private final ImageSources images;

    ChatCompletions(ChatBackend backend, ServerOptions options) {
        this.backend = backend;
        this.options = options;
        this.images = ImageSources.forServer(options.imageUrls(), options.maxImageBytes(), options.imageTimeout());
    }

    /** Handles one request; returns a few words for the access log. */
    String handle(HttpExchange ex) throws IOException {
        JsonNode body = Exchanges.parseJson(Exchanges.readBody(ex, options.maxBodyBytes()));
        ChatRequestJson.Parsed parsed;
        try {
            parsed = ChatRequestJson.fromJson(body, images, options.defaults());
        } catch (InvalidRequestException e) {
            throw HttpFailure.badRequest(e.getMessage(), e.param());
        } catch (UserError e) {
            throw HttpFailure.badRequest(e.getMessage(), null);
        }
        if (!options.modelNames().contains(parsed.model())) {
            throw new HttpFailure(404, "The model `" + parsed.model() + "` does not exist; this server serves "
                    + String.join(", ", options.modelNames()), "invalid_request_error", "model", "model_not_found");
        }
        // ids only need to be distinct, not secret: no SecureRandom (it locks and reads /dev/urandom)
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = "chatcmpl-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        long created = System.currentTimeMillis() / 1000;
        ChatRequest request = parsed.request();
        if (parsed.stream()) {
            stream(ex, id, parsed, created);
        } else {
            List<Completion> completions = run(request);
            Exchanges.sendJson(ex, 200, ChatResponseJson.completion(id, parsed.model(), created, completions,
                    request.sampling().thinking()));
        }
        return "n=" + request.n() + (parsed.stream() ? " stream" : "");
    }

    private List<Completion> run(ChatRequest request) {
        try {
            return backend.complete(request);
        } catch (UserError e) {
            throw HttpFailure.badRequest(e.getMessage(), null);
        }
    }

    private void stream(HttpExchange ex, String id, ChatRequestJson.Parsed parsed, long created) throws IOException {
        ChatRequest request = parsed.request();
        String model = parsed.model();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        SseWriter out = new SseWriter(ex.getResponseBody());
        for (int i = 0; i < request.n(); i++) {
            out.send(ChatResponseJson.chunk(id, model, created, i, "assistant", "", null, null));
        }
        try {
            List<Completion> completions = backend.complete(request, (index, text, reasoning) ->
                    out.send(ChatResponseJson.chunk(id, model, created, index, null,
                            reasoning ? null : text, reasoning ? text : null, null)));
            for (int i = 0; i < completions.size(); i++) {
                out.send(ChatResponseJson.chunk(id, model, created, i, null, null, null, completions.get(i).finishReason()));
            }
            if (parsed.includeUsage()) {
                out.send(ChatResponseJson.usageChunk(id, model, created, completions));
            }
        } catch (UserError e) {
            out.send(OpenAiError.body(e.getMessage(), "invalid_request_error", null, null));
        } catch (RuntimeException e) {
            out.send(OpenAiError.body(ChatServer.oneLine(e), "server_error", null, null));
        }
        out.done();
        ex.getResponseBody().close();
    }
}
