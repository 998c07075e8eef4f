package io.step3vl.inference.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI server on 127.0.0.1 (random port) that answers from a script: each request takes
 * the next scripted reply (the last one repeats). Records what it was sent.
 */
final class ScriptedServer implements AutoCloseable {
    static {
        // as ChatServer does: whichever JDK server is created first fixes this for the JVM
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One scripted reply: status, headers, body pieces written with a pause before each. */
    record Reply(int status, Map<String, String> headers, List<String> pieces, long pauseMillis, boolean chunked) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), List.of(body), 0, false);
        }

        static Reply slowJson(long pauseMillis, String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), List.of(body), pauseMillis, false);
        }

        static Reply withHeader(int status, String name, String value, String body) {
            return new Reply(status, Map.of(name, value, "Content-Type", "application/json"), List.of(body), 0, false);
        }

        /** An SSE stream: each event is sent as "data: ...\n\n", {@code pauseMillis} apart. */
        static Reply sse(long pauseMillis, String... events) {
            List<String> pieces = new ArrayList<>();
            for (String e : events) {
                pieces.add("data: " + e + "\n\n");
            }
            return new Reply(200, Map.of("Content-Type", "text/event-stream"), pieces, pauseMillis, true);
        }
    }

    record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply last;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    ScriptedServer(Reply... replies) throws IOException {
        script.addAll(List.of(replies));
        last = replies[replies.length - 1];
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    Map.copyOf(ex.getRequestHeaders()), body));
            Reply reply = script.poll();
            if (reply == null) {
                reply = last;
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] whole = String.join("", reply.pieces()).getBytes(StandardCharsets.UTF_8);
            if (!reply.chunked() && reply.pauseMillis() > 0) {
                sleep(reply.pauseMillis());
            }
            ex.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : whole.length);
            try (OutputStream out = ex.getResponseBody()) {
                if (reply.chunked()) {
                    for (String piece : reply.pieces()) {
                        sleep(reply.pauseMillis());
                        out.write(piece.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } else {
                    out.write(whole);
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout tests): nothing to do
        } finally {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
