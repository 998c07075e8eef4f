package io.step3vl.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.model.runtime.DeviceChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory does not leak across generate calls: 200 short generations through the local backend
 * (prefill, KV cache, copies, finished-row drops, streaming) keep the process RSS within 10% of what it
 * was after warm-up (medians of the first and last 50 calls, as single samples are noisy). A leak of even one small tensor per step on {@code tiny} would show: a step
 * allocates tens of KB, and 200 calls make thousands of steps.
 */
class LocalBackendMemoryTest {
    @TempDir
    Path dir;

    @Test
    void twoHundredGenerationsKeepResidentMemoryFlat() throws Exception {
        Path model = PresetCheckpoint.write("tiny", 1, dir.resolve("tiny"));
        try (LocalBackend backend = LocalBackend.open(model, DeviceChoice.CPU)) {
            // warm-up: JIT, the native allocator's pools and the Java heap settle
            for (int i = 0; i < 40; i++) {
                generate(backend, i);
            }
            // RSS swings by ~15% between calls (the native allocator's caches come and go), so compare
            // medians: the first 50 calls against the last 50; a leak lifts the whole curve, a spike doesn't
            long[] samples = new long[20];
            long tokens = 0;
            for (int i = 0; i < 200; i++) {
                tokens += generate(backend, 1000 + i);
                if (i % 10 == 9) {
                    samples[i / 10] = settledRssKb();
                }
            }
            long early = median(Arrays.copyOfRange(samples, 0, 5));
            long late = median(Arrays.copyOfRange(samples, 15, 20));
            assertThat(tokens).as("the calls generated tokens").isGreaterThan(200);
            assertThat(late).as("median VmRSS (KB) over calls 151-200 vs %d KB over calls 1-50; samples %s", early,
                    Arrays.toString(samples)).isLessThanOrEqualTo(early + early / 10);
            assertThat(Arrays.stream(samples).max().orElseThrow()).as("largest VmRSS sample (KB); samples %s",
                    Arrays.toString(samples)).isLessThanOrEqualTo(early + early / 2);
        }
    }

    /** One request, two copies (shared prefill, then per-copy rows): returns the tokens generated. */
    private static long generate(LocalBackend backend, int seed) {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Describe picture " + seed + " briefly.")),
                SamplingParams.sampled(12, seed).withThinking(false), 2);
        return backend.complete(request, (index, text, reasoning) -> { }).stream()
                .mapToLong(Completion::completionTokens).sum();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Resident set after a collection, so dead Java objects (and NDArrays they own) don't count. */
    private static long settledRssKb() throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(100);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
