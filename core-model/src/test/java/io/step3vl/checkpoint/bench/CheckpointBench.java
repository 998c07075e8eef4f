package io.step3vl.checkpoint.bench;

import io.step3vl.checkpoint.CheckpointReader;
import io.step3vl.checkpoint.CheckpointWriter;
import io.step3vl.checkpoint.FileManifest;
import io.step3vl.checkpoint.Provenance;
import io.step3vl.checkpoint.archive.CheckpointArchive;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Progress;
import io.step3vl.model.WeightInit;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checkpoint save and load throughput on the {@code small} preset (~105 M parameters, ~420 MB in F32).
 * Run by bench/checkpoint-save-load.sh; prints a Markdown table for docs/benchmarks.md.
 *
 * <p>save = CheckpointWriter.writeTo (stage, write, SHA-256 of every file on a second thread, fsync,
 * rename); load = CheckpointReader.open + every tensor read into float[] through TensorStore, with the
 * files evicted from the page cache first (cold) and cached (warm); verify = full SHA-256 check.
 *
 * <p>Usage: {@code CheckpointBench WORK_DIR [REPEATS]}
 */
public final class CheckpointBench {
    private CheckpointBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String loadBefore = loadAverage();
        Progress.configure(Progress.Mode.QUIET, System.err);
        ModelConfig config = Presets.get(Presets.SMALL);
        Map<String, Tensor> weights = materialise(WeightInit.tensors(config, 0, DType.F32));
        long weightBytes = weights.values().stream().mapToLong(Tensor::byteLength).sum();
        System.out.printf(Locale.ROOT, "preset small: %d tensors, %.1f MB of F32 weights%n", weights.size(), weightBytes / 1e6);
        AtomicFiles.deleteTree(work);
        Files.createDirectories(work);

        save(config, weights, work.resolve("warmup"), Long.MAX_VALUE);  // JIT and file-system warm-up
        AtomicFiles.deleteTree(work.resolve("warmup"));

        List<Row> rows = new ArrayList<>();
        rows.add(measure("save, 1 file (model.safetensors)", repeats, r -> {
            Path dir = work.resolve("single-" + r);
            AtomicFiles.deleteTree(dir);
            return () -> save(config, weights, dir, 5_000_000_000L);
        }));
        rows.add(measure("save, 100 MB shards + index", repeats, r -> {
            Path dir = work.resolve("sharded-" + r);
            AtomicFiles.deleteTree(dir);
            return () -> save(config, weights, dir, 100_000_000L);
        }));
        Path single = work.resolve("single-0");
        Path sharded = work.resolve("sharded-0");
        rows.add(measure("load cold (page cache evicted), 1 file", repeats, r -> {
            evict(single);
            return () -> load(single);
        }));
        rows.add(measure("load warm (page cache), 1 file", repeats, r -> () -> load(single)));
        rows.add(measure("load cold, 100 MB shards", repeats, r -> {
            evict(sharded);
            return () -> load(sharded);
        }));
        rows.add(measure("verify (SHA-256 of every file), warm", repeats, r -> () -> {
            CheckpointReader.open(single).verify();
            return dirBytes(single);
        }));
        Path archive = work.resolve("single.tar.zst");
        rows.add(measure("ckpt pack (zstd 1, cores-1 workers)", repeats, r -> () -> {
            CheckpointArchive.pack(single, archive, CheckpointArchive.PackOptions.defaults());
            return dirBytes(single);
        }));
        rows.add(measure("ckpt unpack (verify every file)", repeats, r -> {
            AtomicFiles.deleteTree(work.resolve("unpacked"));
            return () -> {
                CheckpointArchive.unpack(archive, work.resolve("unpacked"));
                return dirBytes(single);
            };
        }));
        System.out.printf(Locale.ROOT, "archive: %.1f MB for %.1f MB of files%n", Files.size(archive) / 1e6,
                dirBytes(single) / 1e6);

        System.out.println();
        System.out.println("load average before / after: " + loadBefore + " / " + loadAverage());
        System.out.println("| operation | data | median (best) time | s per GB, median (best) |");
        System.out.println("| --- | --- | --- | --- |");
        for (Row row : rows) {
            double gb = row.bytes / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %.0f MB | %.2f s (%.2f s) | %.2f (%.2f) |%n", row.name, row.bytes / 1e6,
                    row.median, row.best, row.median / gb, row.best / gb);
        }
        AtomicFiles.deleteTree(work);
    }

    /** One benchmark: the median of {@code repeats} timed runs; {@code setup} runs untimed before each. */
    private static Row measure(String name, int repeats, Setup setup) throws Exception {
        List<Double> times = new ArrayList<>();
        long bytes = 0;
        for (int r = 0; r < repeats; r++) {
            Supplier<Long> run = setup.prepare(r);
            long t0 = System.nanoTime();
            bytes = run.get();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        times.sort(Double::compare);
        System.err.printf(Locale.ROOT, "%s: %s s%n", name, times);
        return new Row(name, bytes, times.get(times.size() / 2), times.get(0));
    }

    /** The 1-minute load average: other work on a shared machine skews the figures. */
    private static String loadAverage() throws IOException {
        Path file = Path.of("/proc/loadavg");
        return Files.isReadable(file) ? Files.readString(file).split(" ")[0] : "?";
    }

    @FunctionalInterface
    private interface Setup {
        Supplier<Long> prepare(int repeat) throws Exception;
    }

    private record Row(String name, long bytes, double median, double best) {}

    private static long save(ModelConfig config, Map<String, Tensor> weights, Path dir, long shardLimit) {
        CheckpointWriter.create().config(config).weights(weights).shardLimitBytes(shardLimit)
                .provenance(Provenance.of("bench")).writeTo(dir);
        return dirBytes(dir);
    }

    /** Opens and reads every tensor into float[]; returns the bytes of the weight files. */
    private static long load(Path dir) {
        CheckpointReader ckpt = CheckpointReader.open(dir);
        double checksum = 0;
        try (TensorStore store = ckpt.openWeights()) {
            for (String name : store.names()) {
                float[] values = store.readFloat(name);
                checksum += values[values.length - 1];
            }
        }
        if (Double.isNaN(checksum)) {
            throw new IllegalStateException("NaN in weights");
        }
        return dirBytes(dir);
    }

    /** Evicts the directory's files from the page cache (GNU dd: posix_fadvise DONTNEED on each file). */
    private static void evict(Path dir) throws IOException, InterruptedException {
        for (String rel : FileManifest.listFiles(dir)) {
            Process p = new ProcessBuilder("dd", "if=" + dir.resolve(rel), "iflag=nocache", "count=0", "status=none")
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("dd iflag=nocache failed for " + rel);
            }
        }
    }

    private static long dirBytes(Path dir) {
        long total = 0;
        for (String rel : FileManifest.listFiles(dir)) {
            try {
                total += Files.size(dir.resolve(rel));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return total;
    }

    /** Produces every lazy tensor's bytes once, so generation time is not counted as save time. */
    private static Map<String, Tensor> materialise(Map<String, Tensor> lazy) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        lazy.forEach((name, t) -> out.put(name, Tensor.of(t.dtype(), t.shape(), t.bytes())));
        return out;
    }
}
