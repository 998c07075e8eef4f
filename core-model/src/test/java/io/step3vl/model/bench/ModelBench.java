package io.step3vl.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.Parameters;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.WeightInit;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.config.TextConfig;
import io.step3vl.model.decoder.KvCache;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Model-core figures for docs/benchmarks.md ("Model core"); run through bench/model-core.sh.
 *
 * <pre>
 *   matmul                 FP32 GEMM GFLOP/s (2048³ and the decoder's own shapes)
 *   prefill LEN...         decoder prefill of `small` (batch 1, one chunk, KV cache), tokens/s and GFLOP/s
 *   vision                 `small`'s vision tower + projector at 728x728 and 504x504 views, views/s
 *   write DIR DTYPE        writes a random `small` checkpoint (f32|bf16) into DIR
 *   load DIR               loads DIR once, prints seconds, s/GB and peak RSS over the FP32 size (fresh JVM)
 * </pre>
 */
public final class ModelBench {
    private static final int WARMUP = 2;

    private ModelBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "matmul" -> matmul();
            case "prefill" -> prefill(Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray());
            case "vision" -> vision();
            case "write" -> write(Path.of(args[1]), args[2]);
            case "load" -> load(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Median of {@code runs} timings in seconds after warm-up. */
    private static double median(int runs, Runnable body) {
        for (int i = 0; i < WARMUP; i++) {
            body.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    static void matmul() {
        ModelRuntime rt = ModelRuntime.cpu();
        int[][] shapes = {{2048, 2048, 2048}, {1024, 768, 2048}, {1024, 2048, 768}, {1024, 768, 768}};
        try (NDManager m = rt.newManager()) {
            for (int[] s : shapes) {
                NDArray a = m.randomNormal(new Shape(s[0], s[1]));
                NDArray b = m.randomNormal(new Shape(s[1], s[2]));
                double sec = median(7, () -> {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0); // force completion
                    }
                });
                double gflops = 2.0 * s[0] * s[1] * s[2] / sec / 1e9;
                System.out.printf("matmul %dx%d @ %dx%d: %.2f ms, %.1f GFLOP/s%n", s[0], s[1], s[1], s[2], sec * 1e3, gflops);
            }
        }
    }

    /** Matmul FLOPs of one prefill of {@code len} tokens: projections, full (masked) attention, last-row logits. */
    static double prefillFlops(TextConfig t, int len) {
        double h = t.hiddenSize();
        double q = (double) t.numAttentionHeads() * t.headDim();
        double kv = (double) t.numKeyValueHeads() * t.headDim();
        double perTokenPerLayer = 2 * (h * q + 2 * h * kv + q * h + 3 * h * t.intermediateSize());
        double attention = 2.0 * 2 * len * (double) len * q; // q·kᵀ and p·v over the whole L×L block
        return t.numHiddenLayers() * (perTokenPerLayer * len + attention) + 2 * h * t.vocabSize();
    }

    static void prefill(int[] lengths) {
        ModelConfig config = Presets.get("small");
        ModelRuntime rt = ModelRuntime.cpu();
        try (NDManager m = rt.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 1, m.newSubManager(), Precision.FP32),
                     Precision.FP32)) {
            for (int len : lengths) {
                long[] ids = new long[len];
                for (int i = 0; i < len; i++) {
                    ids[i] = (i * 37L) % 480;
                }
                double sec = median(5, () -> {
                    try (NDManager step = m.newSubManager(); KvCache cache = model.newCache(step, 1, len)) {
                        NDArray tokens = step.create(ids).reshape(1, len);
                        NDArray pos = step.arange(0, len, 1, DataType.INT64).reshape(1, len);
                        NDArray hidden = model.decoder().prefill(model.decoder().embed(tokens), pos, null, cache, len);
                        model.decoder().logits(hidden.get(new NDIndex(":, -1:, :"))).getFloat(0, 0, 0);
                    }
                });
                double gflops = prefillFlops(config.text(), len) / sec / 1e9;
                System.out.printf("prefill small L=%d: %.1f ms, %.0f tokens/s, %.1f GFLOP/s%n", len, sec * 1e3, len / sec, gflops);
            }
        }
    }

    static void vision() {
        ModelConfig config = Presets.get("small");
        ModelRuntime rt = ModelRuntime.cpu();
        try (NDManager m = rt.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 1, m.newSubManager(), Precision.FP32),
                     Precision.FP32)) {
            int patch = config.vision().patchSize();
            for (int side : new int[] {728, 504}) {
                for (int views : new int[] {1, 4}) {
                    NDArray pixels = m.randomNormal(new Shape(views, 3, side, side));
                    double sec = median(3, () -> {
                        try (NDManager step = m.newSubManager()) {
                            NDArray f = model.vision().forward(pixels, null, "");
                            model.projector().forward(f, side / patch, side / patch, null, "").getFloat(0, 0, 0);
                            f.close();
                        }
                    });
                    System.out.printf("vision small tower (width %d, %d blocks) %dx%d x%d: %.1f ms, %.2f views/s%n",
                            config.vision().width(), config.vision().layers(), side, side, views, sec * 1e3, views / sec);
                }
            }
        }
    }

    static void write(Path dir, String dtype) throws IOException {
        ModelConfig config = Presets.get("small");
        Files.createDirectories(dir);
        config.write(dir.resolve(ModelConfig.CONFIG_FILE));
        DType d = dtype.equals("bf16") ? DType.BF16 : DType.F32;
        SafetensorsWriter.write(dir.resolve("model.safetensors"), WeightInit.tensors(config, 1, d), java.util.Map.of());
        System.out.printf("wrote %s (%s, %.1f MB)%n", dir, d, Files.size(dir.resolve("model.safetensors")) / 1e6);
    }

    static void load(Path dir) throws IOException {
        long before = status("VmRSS:");
        long start = System.nanoTime();
        ModelRuntime rt = ModelRuntime.cpu();
        try (StepVLModel model = StepVLModel.load(dir, rt, LoadOptions.all())) {
            double sec = (System.nanoTime() - start) / 1e9;
            long file = Files.size(dir.resolve("model.safetensors"));
            Parameters p = model.parameters();
            double fp32Bytes = p.parameterCount() * 4.0;
            long peak = status("VmHWM:");
            long after = status("VmRSS:");
            System.out.printf("load %s: %.2f s, %.2f s/GB of file (%.1f MB), RSS before %.0f MB, after %.0f MB, "
                            + "peak %.0f MB; (peak - before) / FP32 size = %.2f%n",
                    dir.getFileName(), sec, sec / (file / 1e9), file / 1e6, before / 1024.0, after / 1024.0, peak / 1024.0,
                    (peak - before) * 1024.0 / fp32Bytes);
            System.out.printf("parameters %,d (%,d by layout)%n", p.parameterCount(),
                    WeightLayout.of(model.config()).parameterCount());
        }
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
