package io.step3vl.inference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.openai.ChatRequestJson;
import io.step3vl.inference.openai.ChatResponseJson;
import io.step3vl.inference.openai.MessageJson;
import io.step3vl.inference.openai.OpenAiError;
import io.step3vl.inference.openai.SseParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ChatBackend} on an OpenAI-compatible server (vLLM, SGLang, {@code step3vl serve}):
 * POST {@code {base}/chat/completions}, streaming over SSE when a listener is given.
 *
 * <p>Failure policy, per request: 5xx, 408, timeouts and connection errors are retried up to
 * {@link ClientOptions#maxRetries()} times with exponential backoff and jitter; a 429 pauses the
 * whole client for its Retry-After and halves its request rate ({@link RateLimiter}) without using
 * up retries (bounded instead by {@link ClientOptions#maxRateLimitWait()}); other 4xx are the
 * user's to fix ({@link UserError} with the server's message). A stream that breaks after text was
 * passed on is not retried. At most {@link ClientOptions#maxConcurrency()} requests are in flight.
 * Thread-safe.
 */
public final class OpenAiClient implements ChatBackend {
    private final URI base;
    private final URI chatUri;
    private final String model;
    private final String apiKey;
    private final ClientOptions options;
    private final Ticker ticker;
    private final HttpClient http;
    private final RateLimiter limiter;
    private final Semaphore slots;
    private volatile boolean tokenizeUnsupported;

    /**
     * @param baseUrl the API base, e.g. {@code http://host:8000/v1} (see {@link #normaliseBase})
     * @param model   the served model name sent in every request
     * @param apiKey  sent as a bearer token; null for none
     */
    public OpenAiClient(URI baseUrl, String model, String apiKey, ClientOptions options) {
        this(baseUrl, model, apiKey, options, Ticker.SYSTEM);
    }

    OpenAiClient(URI baseUrl, String model, String apiKey, ClientOptions options, Ticker ticker) {
        this.base = stripTrailingSlash(baseUrl);
        this.chatUri = URI.create(base + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.options = options;
        this.ticker = ticker;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout()).build();
        this.limiter = new RateLimiter(options.requestsPerSecond(), options.burst(), options.backoffBase(),
                options.backoffMax(), ticker);
        this.slots = new Semaphore(options.maxConcurrency(), true);
    }

    /**
     * Checks a user-given endpoint URL: http(s) with a host; a bare {@code http://host:port} gets
     * {@code /v1} appended (the path vLLM, SGLang and OpenAI all serve under).
     */
    public static URI normaliseBase(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw UserError.at("--endpoint " + url, "malformed URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw UserError.at("--endpoint " + url, "expected an http(s) URL such as http://localhost:8000/v1");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return URI.create(stripTrailingSlash(uri) + "/v1");
        }
        return stripTrailingSlash(uri);
    }

    public String model() {
        return model;
    }

    @Override
    public String describe() {
        return base + " (" + model + ")";
    }

    @Override
    public List<Completion> complete(ChatRequest request) {
        return execute(request, null);
    }

    @Override
    public List<Completion> complete(ChatRequest request, TokenListener listener) {
        return execute(request, listener);
    }

    /** The ids the server lists under {@code GET {base}/models}. */
    public List<String> listModels() {
        HttpRequest request = authorised(HttpRequest.newBuilder(URI.create(base + "/models")))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw failureFor(response.statusCode(), response.body(), URI.create(base + "/models"));
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode m : Json.MAPPER.readTree(response.body()).path("data")) {
                ids.add(m.path("id").asText());
            }
            return ids;
        } catch (IOException e) {
            throw new EndpointException(base + "/models: " + describeIo(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(base + "/models: interrupted", e);
        }
    }

    /**
     * Prompt tokens as the server counts them, through vLLM's {@code POST /tokenize} (also served by
     * {@code step3vl serve}); -1 when the server has no such route (remembered, asked once).
     */
    @Override
    public int countTokens(List<ChatMessage> messages) {
        if (tokenizeUnsupported) {
            return -1;
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        body.set("messages", MessageJson.toJson(messages));
        body.put("add_generation_prompt", true);
        URI uri = URI.create(rootOf(base) + "/tokenize");
        HttpRequest request = authorised(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.line(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                JsonNode count = Json.MAPPER.readTree(response.body()).get("count");
                if (count != null && count.canConvertToInt()) {
                    return count.intValue();
                }
            }
        } catch (IOException e) {
            return -1; // transient: estimate this time, ask again next time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        tokenizeUnsupported = true;
        return -1;
    }

    private List<Completion> execute(ChatRequest request, TokenListener listener) {
        boolean stream = listener != null;
        String body = Json.line(ChatRequestJson.toJson(request, model, stream));
        int failures = 0;
        Duration rateLimitedFor = Duration.ZERO;
        try {
            while (true) {
                limiter.acquire();
                Duration backoff;
                slots.acquire();
                try {
                    List<Completion> result = stream
                            ? attemptStreaming(body, request, listener)
                            : attemptPlain(body);
                    limiter.onSuccess();
                    return result;
                } catch (RateLimited e) {
                    rateLimitedFor = rateLimitedFor.plus(limiter.onRateLimited(e.retryAfter));
                    if (rateLimitedFor.compareTo(options.maxRateLimitWait()) > 0) {
                        throw new EndpointException(chatUri + ": still rate-limited (HTTP 429) after waiting "
                                + rateLimitedFor.toSeconds() + " s");
                    }
                    continue; // the limiter's pause does the waiting, for every caller
                } catch (Retryable e) {
                    if (e.textDelivered) {
                        throw new EndpointException(chatUri + ": " + e.getMessage()
                                + " (after text was streamed; not retried)");
                    }
                    failures++;
                    if (failures > options.maxRetries()) {
                        throw new EndpointException(chatUri + ": failed after " + failures + " attempt"
                                + (failures == 1 ? "" : "s") + ": " + e.getMessage());
                    }
                    backoff = backoff(failures);
                } finally {
                    slots.release();
                }
                ticker.sleep(backoff); // outside the slot, so waiting does not block other requests
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(chatUri + ": interrupted", e);
        }
    }

    /** Retry {@code k} (1-based) waits half of min(max, base * 2^(k-1)) plus up to as much again at random. */
    Duration backoff(int k) {
        long cap = options.backoffMax().toNanos();
        long full = Math.min(cap, options.backoffBase().toNanos() << Math.min(30, k - 1));
        long half = full / 2;
        return Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private List<Completion> attemptPlain(String body) throws RateLimited, Retryable, InterruptedException {
        HttpRequest request = post(body, options.requestTimeout());
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Retryable("no reply within " + options.requestTimeout().toSeconds() + " s", false);
        } catch (ExecutionException e) {
            throw retryableFor(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        checkStatus(response.statusCode(), response.headers(), response.body());
        double latency = (System.nanoTime() - start) / 1e9;
        try {
            return ChatResponseJson.parse(Json.MAPPER.readTree(response.body()), latency);
        } catch (IOException | IllegalStateException e) {
            throw new Retryable("malformed reply: " + e.getMessage(), false);
        }
    }

    private List<Completion> attemptStreaming(String body, ChatRequest chat, TokenListener listener)
            throws RateLimited, Retryable, InterruptedException {
        HttpRequest request = post(body, options.requestTimeout());
        long start = System.nanoTime();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        LineQueue lines = new LineQueue(events);
        HttpResponse.BodyHandler<String> handler = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.fromLineSubscriber(lines), v -> "")
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, handler);
        future.whenComplete((response, error) -> events.add(error != null ? new Failed(error) : response));
        StreamAccumulator acc = new StreamAccumulator(chat.n(), chat.sampling().thinking(), listener);
        SseParser sse = new SseParser(acc::onData);
        long idleMillis = options.streamIdleTimeout().toMillis();
        boolean bodyRead = false;
        try {
            // Read to the end of the body even after [DONE]: cancelling an exchange whose last chunk is
            // still unread can leave the pooled connection mid-body for the next request (seen as
            // "chunked transfer encoding" errors under load).
            while (true) {
                Object event = events.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (event == null) {
                    if (acc.done()) {
                        break; // [DONE] came but the server keeps the body open: give up on the tail
                    }
                    throw new Retryable("stream stalled: nothing for " + options.streamIdleTimeout().toSeconds()
                            + " s", acc.textDelivered());
                }
                if (event instanceof String line) {
                    if (!acc.done()) {
                        sse.line(line);
                    }
                } else if (event == LineQueue.END) {
                    bodyRead = true;
                    sse.end();
                    if (!acc.done() && !acc.allFinished()) {
                        throw new Retryable("stream ended before [DONE]", acc.textDelivered());
                    }
                    break;
                } else if (event instanceof HttpResponse<?> response) {
                    if (response.statusCode() / 100 != 2) {
                        checkStatus(response.statusCode(), response.headers(), String.valueOf(response.body()));
                    }
                } else if (event instanceof Failed failed) {
                    Retryable r = retryableFor(failed.error);
                    throw new Retryable(r.getMessage(), acc.textDelivered());
                }
            }
            return acc.completions((System.nanoTime() - start) / 1e9);
        } catch (StreamAccumulator.StreamFailure e) {
            throw new Retryable(e.getMessage(), acc.textDelivered());
        } finally {
            if (!bodyRead && !future.isDone()) {
                lines.cancel();
                future.cancel(true);
            }
        }
    }

    private HttpRequest post(String body, Duration timeout) {
        return authorised(HttpRequest.newBuilder(chatUri)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder b) {
        b.header("User-Agent", "step3vl");
        if (apiKey != null && !apiKey.isEmpty()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    private void checkStatus(int status, HttpHeaders headers, String body) throws RateLimited, Retryable {
        if (status / 100 == 2) {
            return;
        }
        if (status == 429) {
            throw new RateLimited(retryAfter(headers.firstValue("Retry-After").orElse(null)));
        }
        if (status == 408 || status / 100 == 5) {
            throw new Retryable("HTTP " + status + ": " + OpenAiError.messageOf(body), false);
        }
        throw failureFor(status, body, chatUri);
    }

    private RuntimeException failureFor(int status, String body, URI uri) {
        String message = uri + ": HTTP " + status + ": " + OpenAiError.messageOf(body);
        if (status == 401 || status == 403) {
            return new UserError(message + " (check the API key: --api-key-env names the variable holding it)");
        }
        if (status == 404 && !body.contains("model")) {
            return new UserError(message + " (is the endpoint the API base, e.g. http://host:8000/v1?)");
        }
        if (status / 100 == 4) {
            return new UserError(message);
        }
        return new EndpointException(message);
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Retryable retryableFor(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof java.util.concurrent.CompletionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof IOException io) {
            return new Retryable(describeIo(io), false);
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        throw new EndpointException("request failed: " + e, e);
    }

    private static String describeIo(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** The server root: the base without a trailing {@code /v1}, where vLLM serves /tokenize. */
    static String rootOf(URI base) {
        String s = base.toString();
        return s.endsWith("/v1") ? s.substring(0, s.length() - 3) : s;
    }

    /** A 429: wait and try again without using up a retry. */
    private static final class RateLimited extends Exception {
        final Duration retryAfter;

        RateLimited(Duration retryAfter) {
            super("HTTP 429", null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** A failure worth another attempt, unless text already reached the listener. */
    private static final class Retryable extends Exception {
        final boolean textDelivered;

        Retryable(String message, boolean textDelivered) {
            super(message, null, false, false);
            this.textDelivered = textDelivered;
        }
    }

    private record Failed(Throwable error) {}

    /** Streams body lines into the event queue; the marker {@link #END} closes it. */
    private static final class LineQueue implements Flow.Subscriber<String> {
        static final Object END = new Object();
        private final BlockingQueue<Object> events;
        private volatile Flow.Subscription subscription;

        LineQueue(BlockingQueue<Object> events) {
            this.events = events;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            events.add(line);
        }

        @Override
        public void onError(Throwable t) {
            events.add(new Failed(t));
        }

        @Override
        public void onComplete() {
            events.add(END);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
