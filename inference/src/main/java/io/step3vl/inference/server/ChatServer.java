package io.step3vl.inference.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.image.ImageSources;
import io.step3vl.inference.openai.InvalidRequestException;
import io.step3vl.inference.openai.MessageJson;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The OpenAI-compatible server. {@link #start} binds and returns at once; requests are handled on
 * {@link ServerOptions#workers()} threads, each handing its request to the backend as it comes.
 * {@link #close()} stops gracefully: new requests get 503 while running ones get
 * {@link ServerOptions#shutdownGrace()} to finish.
 *
 * <pre>{@code
 * try (ChatServer server = ChatServer.start(backend, ServerOptions.defaults("step3-vl", sampling), log::println)) {
 *     server.awaitStopped();
 * }
 * }</pre>
 */
public final class ChatServer implements AutoCloseable {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static {
        // The JDK server leaves Nagle's algorithm on: each small reply then waits ~40 ms for the
        // client's delayed ACK (measured: 50 ms per request, 10 ms with this). Read once, when the
        // first HttpServer of the JVM is created, so it is set here rather than per server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ChatBackend backend;
    private final ServerOptions options;
    private final Consumer<String> accessLog;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ChatCompletions chat;
    private final long startedAt = System.currentTimeMillis() / 1000;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean draining;

    private ChatServer(ChatBackend backend, ServerOptions options, Consumer<String> accessLog, HttpServer http,
                       ExecutorService workers) {
        this.backend = backend;
        this.options = options;
        this.accessLog = accessLog;
        this.http = http;
        this.workers = workers;
        this.chat = new ChatCompletions(backend, options);
    }

    /**
     * Binds {@code options.host():options.port()} and starts serving; a taken port is a {@link UserError}.
     * {@code accessLog} gets one line per request (null: none).
     */
    public static ChatServer start(ChatBackend backend, ServerOptions options, Consumer<String> accessLog) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        } catch (BindException e) {
            throw new UserError("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage()
                    + " (is another server running there? choose another --port)");
        } catch (IOException e) {
            throw new UserError("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "serve-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        ChatServer server = new ChatServer(backend, options, accessLog, http, workers);
        http.createContext("/", server::handle);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The API base clients use, e.g. {@code http://127.0.0.1:8000/v1}. */
    public URI baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + address().getPort() + "/v1");
    }

    /** Blocks until {@link #close()} has finished (from another thread, e.g. a shutdown hook). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (draining) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }

    private void handle(HttpExchange ex) {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        String note = "";
        try {
            if (draining) {
                throw new HttpFailure(503, "the server is shutting down", "server_error", null, "shutting_down");
            }
            note = route(ex, path);
        } catch (HttpFailure f) {
            note = f.getMessage();
            respondWithError(ex, f);
        } catch (RuntimeException e) {
            note = oneLine(e);
            respondWithError(ex, new HttpFailure(500, note, "server_error", null, null));
        } catch (IOException e) {
            note = "client connection: " + e.getMessage();
        } finally {
            int status = ex.getResponseCode();
            ex.close();
            inFlight.decrementAndGet();
            if (accessLog != null) {
                accessLog.accept(String.format(Locale.ROOT, "%s %s %d %.3fs %s", ex.getRequestMethod(), path, status,
                        (System.nanoTime() - start) / 1e9, note));
            }
        }
    }

    private String route(HttpExchange ex, String path) throws IOException {
        switch (path) {
            case "/health" -> {
                Exchanges.requireMethod(ex, "GET");
                Exchanges.sendJson(ex, 200, F.objectNode().put("status", "ok"));
                return "";
            }
            case "/v1/models" -> {
                Exchanges.checkApiKey(ex, options.apiKey());
                Exchanges.requireMethod(ex, "GET");
                Exchanges.sendJson(ex, 200, models());
                return "";
            }
            case "/v1/chat/completions" -> {
                Exchanges.checkApiKey(ex, options.apiKey());
                Exchanges.requireMethod(ex, "POST");
                return chat.handle(ex);
            }
            case "/tokenize" -> {
                Exchanges.checkApiKey(ex, options.apiKey());
                Exchanges.requireMethod(ex, "POST");
                return tokenize(ex);
            }
            default -> throw new HttpFailure(404, "no route " + path + "; this server has /v1/chat/completions, "
                    + "/v1/models, /health and /tokenize", "invalid_request_error", null, "not_found");
        }
    }

    private JsonNode models() {
        ObjectNode list = F.objectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : options.modelNames()) {
            data.addObject().put("id", name).put("object", "model").put("created", startedAt).put("owned_by", "step3vl");
        }
        return list;
    }

    /** vLLM's token count route: {@code {"messages": [...]}} → {@code {"count": n}}. */
    private String tokenize(HttpExchange ex) throws IOException {
        JsonNode body = Exchanges.parseJson(Exchanges.readBody(ex, options.maxBodyBytes()));
        List<ChatMessage> messages;
        try {
            messages = MessageJson.fromJson(body.get("messages"),
                    ImageSources.forServer(false, options.maxImageBytes(), options.imageTimeout()), null);
        } catch (InvalidRequestException e) {
            throw HttpFailure.badRequest(e.getMessage(), e.param());
        }
        int count = backend.countTokens(messages);
        if (count < 0) {
            throw new HttpFailure(501, "this backend (" + backend.describe() + ") cannot count tokens",
                    "invalid_request_error", null, "not_implemented");
        }
        Exchanges.sendJson(ex, 200, F.objectNode().put("count", count));
        return "count=" + count;
    }

    private static void respondWithError(HttpExchange ex, HttpFailure f) {
        if (ex.getResponseCode() != -1) {
            return; // headers already sent (a stream): the stream carries its own error event
        }
        try {
            Exchanges.sendError(ex, f);
        } catch (IOException ignored) {
            // the client has gone
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ");
    }
}
