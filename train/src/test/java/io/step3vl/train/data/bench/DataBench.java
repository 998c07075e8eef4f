package io.step3vl.train.data.bench;

import io.step3vl.common.AtomicFiles;
import io.step3vl.shapes.GenerationSummary;
import io.step3vl.shapes.OutputFormat;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import io.step3vl.shapes.output.ShardCompression;
import io.step3vl.shapes.tasks.Task;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.pack.Pack;
import io.step3vl.train.data.pack.PackedStream;
import io.step3vl.train.data.pack.TokenizedSample;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.ImageCheck;
import io.step3vl.train.data.read.ReaderOptions;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.DataLoader;
import io.step3vl.train.data.source.MixedStream;
import io.step3vl.train.data.source.SourceSpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Shapes-world generation speed (images/s) and data-loader throughput alone (samples/s) for JSONL
 * and tar.zst, with 1 and 2 reader threads, plus packing on top. Prints a Markdown table.
 *
 * <p>Usage: {@code DataBench WORK_DIR [N]} (N training scenes, default 2000).
 */
public final class DataBench {
    private DataBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/data-bench");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Files.createDirectories(work);
        System.out.println("| what | setting | figure |");
        System.out.println("| --- | --- | --- |");

        // Shapes generation: only training scenes (caption + SFT per scene), so images/s is per rendered image.
        for (int threads : new int[] {1, 2}) {
            ShapesConfig config = ShapesConfig.builder(1, n).rlN(0).benchPerCategory(0).docsN(0).textN(0).textSftN(0)
                    .threads(threads).build();
            Path out = work.resolve("gen-" + threads);
            AtomicFiles.deleteTree(out);
            long cpu0 = processCpuNanos();
            GenerationSummary s = new ShapesGenerator(config).generate(out);
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / s.images();
            row("shapes generation, JSONL + PNG", threads + " thread(s), " + n + " images 224x224",
                    String.format(Locale.ROOT, "%.0f images/s wall; %.1f CPU-ms/image (%.0f images/s per core); %.1f KB/image",
                            s.imagesPerSecond(), cpuMs, 1000 / cpuMs, s.imageBytes() / 1024.0 / s.images()));
        }
        ShapesConfig both = ShapesConfig.builder(2, n).rlN(0).benchPerCategory(0).docsN(0).textN(n * 5).textSftN(0)
                .format(OutputFormat.BOTH).compression(ShardCompression.ZSTD).tasks(List.of(Task.values()))
                .threads(2).build();
        Path data = work.resolve("shapes");
        AtomicFiles.deleteTree(data);
        GenerationSummary s = new ShapesGenerator(both).generate(data);
        row("shapes generation, JSONL + PNG + tar.zst", "2 threads, " + n + " images", String.format(Locale.ROOT,
                "%.0f images/s", s.imagesPerSecond()));

        // Loader alone: parse records, check images, shuffle (buffer 1000), several epochs.
        loader("SFT JSONL + PNG files", "image check NONE, 1 thread", data.resolve("sft.jsonl"), ImageCheck.NONE, 1, 3 * n);
        loader("SFT JSONL + PNG files", "image check HEADER, 1 thread", data.resolve("sft.jsonl"), ImageCheck.HEADER, 1, 3 * n);
        loader("SFT JSONL + PNG files", "image check HEADER, 2 threads", data.resolve("sft.jsonl"), ImageCheck.HEADER, 2, 3 * n);
        loader("SFT JSONL + PNG files", "image check DECODE, 2 threads", data.resolve("sft.jsonl"), ImageCheck.DECODE, 2, 3 * n);
        loader("SFT tar.zst shards (images inside)", "image check HEADER, 1 thread", data.resolve("wds"),
                ImageCheck.HEADER, 1, 3 * n);
        loader("SFT tar.zst shards (images inside)", "image check HEADER, 2 threads", data.resolve("wds"),
                ImageCheck.HEADER, 2, 3 * n);
        loader("text JSONL", "1 thread", data.resolve("pretrain-text.jsonl"), ImageCheck.NONE, 1, 15 * n);

        // Packing on top of the text loader with a byte-level stand-in tokenizer (no real tokenizer cost).
        ReaderOptions opts = ReaderOptions.builder().epochs(0).shuffleBuffer(1000).kind(SampleKind.PRETRAIN).build();
        SourceSpec text = new SourceSpec("text", List.of(data.resolve("pretrain-text.jsonl")), 1, SampleKind.PRETRAIN);
        measure("packed stream over text JSONL", "2048-token packs, byte tokenizer, 1 thread", () -> {
            int samples = 0;
            try (PackedStream packs = new PackedStream(DataLoader.open(List.of(text), opts, 1,
                    MixedStream.Mode.INTERLEAVE, new BadRecords(0, m -> { }), null), DataBench::bytes, 2048, true, 0, null)) {
                while (samples < 15 * n) {
                    Pack p = packs.next();
                    samples += p.segmentCount();
                }
            }
            return samples;
        });
    }

    private static void loader(String what, String setting, Path path, ImageCheck check, int threads, int count) {
        ReaderOptions opts = ReaderOptions.builder().epochs(0).shuffleBuffer(1000).imageCheck(check).build();
        SourceSpec spec = new SourceSpec("bench", List.of(path), 1, SampleKind.ANY);
        measure(what, setting, () -> {
            try (SampleStream s = DataLoader.open(List.of(spec), opts, threads, MixedStream.Mode.INTERLEAVE,
                    new BadRecords(0, m -> { }), null)) {
                int got = 0;
                while (got < count && s.next() != null) {
                    got++;
                }
                return got;
            }
        });
    }

    /**
     * Runs once to warm up, then twice timed; reports the faster wall-clock rate and the process CPU
     * time per sample (all threads), which a busy shared machine disturbs far less than wall time.
     */
    private static void measure(String what, String setting, Supplier<Integer> run) {
        run.get();
        double best = 0;
        double cpuMicros = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            int samples = run.get();
            double rate = samples / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
            cpuMicros = Math.min(cpuMicros, (processCpuNanos() - cpu0) / 1e3 / samples);
        }
        row(what, setting, String.format(Locale.ROOT, "%.0f samples/s wall; %.1f CPU-µs/sample (%.0f samples/s per core)",
                best, cpuMicros, 1e6 / cpuMicros));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static TokenizedSample bytes(Sample s) {
        byte[] b = ((Sample.Text) s).text().getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[b.length];
        boolean[] trained = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            tokens[i] = b[i] & 0xFF;
            trained[i] = true;
        }
        return new TokenizedSample(tokens, trained, List.of(), s.origin());
    }

    private static void row(String what, String setting, String figure) {
        System.out.println("| " + what + " | " + setting + " | " + figure + " |");
        System.out.flush();
    }
}
