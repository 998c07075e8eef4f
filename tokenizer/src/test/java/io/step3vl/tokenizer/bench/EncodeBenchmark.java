package io.step3vl.tokenizer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.tokenizer.Qwen3Fixture;
import io.step3vl.tokenizer.TextTokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Encoding throughput of the Qwen3 tokenizer on one thread, on the fixture README's 1 MiB benchmark
 * text (corpus rows in file order, empty and divergence rows skipped, each + "\n", cycled up to
 * 1,048,576 UTF-8 bytes: sha256 7304fb8c…, 327,017 ids). Reports medians of wall time and of this
 * thread's CPU time (the machine is shared; CPU time is the steadier figure).
 *
 * <p>Usage: {@code EncodeBenchmark [timed-runs=9]} (after 3 warm-up runs each); see bench/tokenizer-encode.sh.
 */
public final class EncodeBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EncodeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String text = benchmarkText();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("(?<=\n)")));
        TextTokenizer tokenizer = Qwen3Fixture.tokenizer();
        long ids = tokenizer.encode(text).length;
        System.out.printf(Locale.ROOT, "text: %,d bytes, %,d chars, %,d lines, sha256 %s, %,d ids%n",
                utf8.length, text.length(), lines.size(), sha, ids);
        if (ids != 327_017 || !sha.startsWith("7304fb8c")) {
            System.out.println("WARNING: not the fixture README's benchmark text");
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d CPUs, RAYON_NUM_THREADS=%s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getenv("RAYON_NUM_THREADS"));

        measure("encode: TextTokenizer.encode (ids only)", runs, ids, () -> tokenizer.encode(text).length);
        measure("encode: TextTokenizer.tokenize (full DJL Encoding)", runs, ids,
                () -> tokenizer.tokenize(text).size());
        long perLineIds = 0;
        for (String line : lines) {
            perLineIds += tokenizer.encode(line).length; // a line break ends a pre-token differently per call
        }
        measure("encode: one call per line (" + lines.size() + " calls)", runs, perLineIds, () -> {
            long n = 0;
            for (String line : lines) {
                n += tokenizer.encode(line).length;
            }
            return n;
        });
        long[] all = tokenizer.encode(text);
        measure("decode: whole id list", runs, ids, () -> tokenizer.decode(all, false).length() > 0 ? all.length : 0);
        tokenizer.close();
    }

    private interface Work {
        long run();
    }

    private static void measure(String label, int runs, long expectedTokens, Work work) {
        for (int i = 0; i < 3; i++) {
            check(work.run(), expectedTokens, label);
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long n = work.run();
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
            check(n, expectedTokens, label);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        double medianWall = wall[runs / 2];
        double medianCpu = cpu[runs / 2];
        System.out.printf(Locale.ROOT, "%-52s median %7.1f ms wall (%6.0fk tok/s), %7.1f ms cpu (%6.0fk tok/s); best %6.0fk tok/s wall%n",
                label, medianWall * 1e3, expectedTokens / medianWall / 1e3, medianCpu * 1e3,
                expectedTokens / medianCpu / 1e3, expectedTokens / wall[0] / 1e3);
    }

    private static void check(long n, long expected, String label) {
        if (n != expected) {
            throw new IllegalStateException(label + ": " + n + " tokens, expected " + expected);
        }
    }

    /** The fixture README's recipe for its 1 MiB benchmark text. */
    static String benchmarkText() {
        List<String> pieces = new ArrayList<>();
        for (JsonNode row : Qwen3Fixture.corpus()) {
            String t = row.path("text").asText();
            if (!t.isEmpty() && !row.path("category").asText().equals("divergence")) {
                pieces.add(t + "\n");
            }
        }
        StringBuilder sb = new StringBuilder();
        long bytes = 0;
        for (int i = 0; ; i = (i + 1) % pieces.size()) {
            long size = pieces.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > 1_048_576) {
                return sb.toString();
            }
            sb.append(pieces.get(i));
            bytes += size;
        }
    }
}
