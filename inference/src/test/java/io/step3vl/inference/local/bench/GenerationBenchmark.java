package io.step3vl.inference.local.bench;

import io.step3vl.generate.GenerationObserver;
import io.step3vl.generate.GenerationOutput;
import io.step3vl.generate.GenerationRequest;
import io.step3vl.generate.Generator;
import io.step3vl.generate.SamplerSettings;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.model.runtime.ModelRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generation and serving figures on a random-init preset checkpoint (docs/benchmarks.md, "Generation
 * and serving"): prefill tokens/s, time to first token, decode tokens/s at batch 1 and aggregate decode
 * tokens/s of one request with n copies (PaCoRe's parallel rollouts), then server throughput under C
 * concurrent clients over loopback. Decoding samples at temperature 1 with no stop tokens, so every row
 * runs the full budget. Not a test: run it with bench/generation.sh.
 *
 * <p>Arguments: {@code CHECKPOINT_DIR [preset=small] [decode-tokens=64] [copies=16] [clients=16]
 * [requests=48] [phases=prefill,decode,serve]}; the checkpoint is written first when the directory does not exist.
 */
public final class GenerationBenchmark {
    private static final SamplerSettings SAMPLED = new SamplerSettings(1.0, 0, 1.0, 0, 1.0);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String preset = args.length > 1 ? args[1] : "small";
        int decodeTokens = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int copies = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int requests = args.length > 5 ? Integer.parseInt(args[5]) : 48;
        List<String> phases = List.of((args.length > 6 ? args[6] : "prefill,decode,serve").split(","));
        if (!Files.isDirectory(dir)) {
            PresetCheckpoint.write(preset, 1, dir);
        }
        System.out.printf(Locale.ROOT, "# %s (%s), %d cores, decode %d tokens, load average %s%n", dir, preset,
                Runtime.getRuntime().availableProcessors(), decodeTokens, loadAverage());
        try (StepVLModel model = StepVLModel.load(dir, ModelRuntime.of(DeviceChoice.CPU), LoadOptions.all())) {
            Generator generator = new Generator(model);
            int vocab = Math.min(496, model.config().text().vocabSize()); // ordinary tokens only
            generate(generator, prompt(64, vocab, 0), 8, 1); // warm-up: first native calls, allocator

            for (int length : phases.contains("prefill") ? new int[] {256, 1024} : new int[0]) {
                double best = Double.MAX_VALUE;
                double bestCpu = Double.MAX_VALUE;
                for (int rep = 0; rep < 2; rep++) {
                    Run run = generate(generator, prompt(length, vocab, rep), 1, 1);
                    best = Math.min(best, run.firstTokenSeconds);
                    bestCpu = Math.min(bestCpu, run.firstTokenCpu);
                }
                System.out.printf(Locale.ROOT, "prefill %5d tokens: %8.1f tokens/s, %8.1f tokens/CPU-s  (time to first token %.3f s, "
                        + "%.3f CPU-s; best of 2)%n", length, length / best, length / bestCpu, best, bestCpu);
            }

            if (phases.contains("decode")) {
                decode(generator, vocab, decodeTokens, copies);
            }
        }
        if (phases.contains("serve")) {
            serve(dir, decodeTokens, clients, requests);
        }
        System.out.printf(Locale.ROOT, "# load average after: %s%n", loadAverage());
    }

    private static void decode(Generator generator, int vocab, int decodeTokens, int copies) {
        Run one = generate(generator, prompt(64, vocab, 1), decodeTokens, 1);
        one = faster(one, generate(generator, prompt(64, vocab, 2), decodeTokens, 1));
        System.out.printf(Locale.ROOT, "decode batch 1:      %8.1f tokens/s, %8.1f tokens/CPU-s  (%.1f ms/step; time to first "
                        + "token %.3f s, 64-token prompt)%n", one.decodeTokensPerSecond(), one.decodeTokensPerCpuSecond(),
                1000 / one.decodeTokensPerSecond(), one.firstTokenSeconds);
        Run many = generate(generator, prompt(64, vocab, 1), decodeTokens, copies);
        many = faster(many, generate(generator, prompt(64, vocab, 2), decodeTokens, copies));
        System.out.printf(Locale.ROOT, "decode n=%-2d copies:  %8.1f tokens/s, %8.1f tokens/CPU-s aggregate  (%.1f ms/step; "
                        + "%.2fx batch 1 in wall clock, %.2fx in CPU time)%n", copies, many.decodeTokensPerSecond(),
                many.decodeTokensPerCpuSecond(), 1000 * copies / many.decodeTokensPerSecond(),
                many.decodeTokensPerSecond() / one.decodeTokensPerSecond(),
                many.decodeTokensPerCpuSecond() / one.decodeTokensPerCpuSecond());
    }

    /**
     * One generate() call: when the first token of every row arrived and when the last one did, in wall
     * clock and in process CPU time (all threads): on a shared machine the wall clock shows the share of
     * the cores the run got, the CPU time what the work costs.
     */
    private record Run(double firstTokenSeconds, double totalSeconds, double firstTokenCpu, double totalCpu,
                       long tokens, int rows) {
        /** Tokens after each row's first, over the time after the first (the prefill excluded). */
        double decodeTokensPerSecond() {
            return (tokens - rows) / (totalSeconds - firstTokenSeconds);
        }

        /** The same per CPU-second: what the rate would be on one otherwise idle core. */
        double decodeTokensPerCpuSecond() {
            return (tokens - rows) / (totalCpu - firstTokenCpu);
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static Run faster(Run a, Run b) {
        return a.decodeTokensPerSecond() >= b.decodeTokensPerSecond() ? a : b;
    }

    private static Run generate(Generator generator, long[] prompt, int maxNewTokens, int copies) {
        AtomicLong firstToken = new AtomicLong();
        double[] firstCpu = new double[1];
        AtomicInteger seen = new AtomicInteger();
        double startCpu = cpuSeconds();
        long start = System.nanoTime();
        GenerationObserver observer = (row, token, logprob) -> {
            if (seen.incrementAndGet() == copies) {
                firstToken.set(System.nanoTime());
                firstCpu[0] = cpuSeconds();
            }
            return false;
        };
        List<GenerationOutput> outputs = generator.generate(
                List.of(new GenerationRequest(prompt, null, SAMPLED, maxNewTokens, 7, new int[0], copies)), observer);
        long end = System.nanoTime();
        double endCpu = cpuSeconds();
        long tokens = outputs.stream().mapToLong(o -> o.tokens().length).sum();
        return new Run((firstToken.get() - start) / 1e9, (end - start) / 1e9, firstCpu[0] - startCpu, endCpu - startCpu,
                tokens, copies);
    }

    private static long[] prompt(int length, int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[length];
        Arrays.setAll(ids, i -> random.nextInt(vocab));
        return ids;
    }

    /** Clients each send requests (one at a time) until {@code requests} have been answered. */
    private static void serve(Path dir, int maxTokens, int clients, int requests) throws Exception {
        try (LocalBackend backend = LocalBackend.open(dir, DeviceChoice.CPU);
             ChatServer server = ChatServer.start(backend, ServerOptions.defaults("bench", SamplingParams.sampled(maxTokens, 0))
                     .withAddress("127.0.0.1", 0), null)) {
            OpenAiClient client = new OpenAiClient(server.baseUrl(), "bench", null,
                    ClientOptions.defaults().withMaxConcurrency(clients));
            // no stop tokens can't be asked for over the API; a random model rarely emits them
            SamplingParams sampling = SamplingParams.sampled(maxTokens, 0).withThinking(false);
            client.complete(new ChatRequest(List.of(ChatMessage.user("warm up")), sampling.withMaxTokens(4), 1));
            AtomicInteger next = new AtomicInteger();
            AtomicLong tokens = new AtomicLong();
            List<Double> latencies = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            double startCpu = cpuSeconds();
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t0 = System.nanoTime();
                        Completion reply = client.complete(new ChatRequest(
                                List.of(ChatMessage.user("Question " + i + ": describe the picture in detail.")),
                                sampling.withSeed(i), 1)).get(0);
                        tokens.addAndGet(reply.completionTokens());
                        synchronized (latencies) {
                            latencies.add((System.nanoTime() - t0) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds() - startCpu;
            pool.shutdown();
            latencies.sort(null);
            System.out.printf(Locale.ROOT, "serve %d clients:    %8.1f tokens/s, %8.1f tokens/CPU-s aggregate, %.2f requests/s, "
                            + "p50 latency %.2f s (%d requests, %d completion tokens, %.1f s)%n", clients, tokens.get() / seconds,
                    tokens.get() / cpu, requests / seconds, latencies.get(latencies.size() / 2), requests, tokens.get(), seconds);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
