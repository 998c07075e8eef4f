package io.step3vl.inference.server;

import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client + server overhead: requests/s through {@link ChatServer} with a backend that answers at once,
 * under C concurrent clients (threads sharing one {@link OpenAiClient}, as PaCoRe and batch runs do),
 * non-streaming and streaming (a reply of 32 deltas). Both ends run in this JVM, so the process CPU
 * time per request is the whole HTTP cost of one request. Not a test: run it with bench/serve-throughput.sh.
 *
 * <p>Arguments: seconds to measure per mode (default 10), clients (default 16).
 */
public final class ServeBenchmark {
    private static final int DELTAS = 32;

    /** Replies instantly: 32 pieces of reasoning and answer, so a stream carries 32 deltas. */
    static final class Instant implements ChatBackend {
        @Override
        public List<Completion> complete(ChatRequest request) {
            return List.of(new Completion("</think>" + "word ".repeat(DELTAS - 1), null, "stop", 12, DELTAS, 0, null, null));
        }

        @Override
        public List<Completion> complete(ChatRequest request, TokenListener listener) {
            for (int i = 0; i < DELTAS; i++) {
                listener.onText(0, "word ", i < DELTAS / 2);
            }
            return List.of(new Completion("word ".repeat(DELTAS / 2), "word ".repeat(DELTAS / 2), "stop", 12, DELTAS, 0, null, null));
        }

        @Override
        public String describe() {
            return "instant";
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        ServerOptions options = ServerOptions.defaults("bench", SamplingParams.sampled(64, 0)).withAddress("127.0.0.1", 0);
        try (ChatServer server = ChatServer.start(new Instant(), options, null)) {
            OpenAiClient client = new OpenAiClient(server.baseUrl(), "bench", null, ClientOptions.defaults().withMaxConcurrency(64));
            System.out.printf(Locale.ROOT, "%d clients, %d s per mode, %d cores, %s%n", clients, seconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            for (boolean stream : new boolean[] {false, true}) {
                run(client, clients, Math.max(2, seconds / 3), stream); // warm-up
                Result r = run(client, clients, seconds, stream);
                System.out.printf(Locale.ROOT, "%-10s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %5.2f ms CPU/request  (%d requests)%n",
                        stream ? "streaming" : "plain", r.perSecond(), r.p50(), r.p99(), r.cpuMsPerRequest(), r.count());
            }
        }
    }

    record Result(int count, double seconds, double p50, double p99, double cpuMsPerRequest) {
        double perSecond() {
            return count / seconds;
        }
    }

    private static Result run(OpenAiClient client, int clients, int seconds, boolean stream) throws Exception {
        ChatRequest request = ChatRequest.of(List.of(ChatMessage.user("How many red circles are in the image?")),
                SamplingParams.sampled(64, 1));
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Long>> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        if (stream) {
                            client.complete(request, (i, text, reasoning) -> { });
                        } else {
                            client.complete(request);
                        }
                        mine.add(System.nanoTime() - s);
                    }
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        return new Result(all.length, elapsed, pct(all, 0.50), pct(all, 0.99), cpu / 1e6 / Math.max(1, all.length));
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

}
