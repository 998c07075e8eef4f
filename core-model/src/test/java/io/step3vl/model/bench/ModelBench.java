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
 *   ratio LEN ROUNDS       alternates a 2048³ GEMM and a `small` prefill of LEN tokens ROUNDS times and
 *                          prints the prefill/GEMM throughput ratio of each round (robust to a shared,
 *                          fluctuating machine: both sides of a ratio see the same load)
 *   profile LEN            best-of-7 time of each piece of one `small` decoder layer at LEN tokens
 *   vision                 `small`'s vision tower + projector at 728x728 and 504x504 views, views/s
 *   write DIR DTYPE        writes a random `small` checkpoint (f32|bf16) into DIR
 *   load DIR               loads DIR once (engine already started), prints seconds, s/GB and the peak
 *                          resident-memory growth over the FP32 parameter size (fresh JVM)
 * </pre>
 */
public final class ModelBench {
    private static final int WARMUP = 2;

    private ModelBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "matmul" -> matmul();
            case "threads" -> System.out.println("intra-op threads: " + threads());
            case "prefill" -> prefill(Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray());
            case "vision" -> vision();
            case "profile" -> profile(Integer.parseInt(args[1]));
            case "ratio" -> ratio(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
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

    /** PyTorch's intra-op thread count as DJL configured it (ai.djl.pytorch.num_threads or all cores). */
    static String threads() {
        io.step3vl.model.runtime.Engines.pytorch();
        return System.getProperty("ai.djl.pytorch.num_threads", "default (" + Runtime.getRuntime().availableProcessors() + " cores)");
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
        // q·kᵀ and p·v over the causal pairs only, L(L+1)/2: the work a causal prefill needs (conservative:
        // the blocked kernel computes somewhat more, counted as nothing)
        double attention = 2.0 * 2 * (len * (len + 1.0) / 2) * q;
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

    static void ratio(int len, int rounds) {
        ModelConfig config = Presets.get("small");
        ModelRuntime rt = ModelRuntime.cpu();
        long[] ids = new long[len];
        for (int i = 0; i < len; i++) {
            ids[i] = (i * 37L) % 480;
        }
        double[] ratios = new double[rounds];
        try (NDManager m = rt.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 1, m.newSubManager(), Precision.FP32),
                     Precision.FP32)) {
            NDArray a = m.randomNormal(new Shape(2048, 2048));
            NDArray b = m.randomNormal(new Shape(2048, 2048));
            for (int r = 0; r < rounds; r++) {
                double gemm = median(3, () -> {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0);
                    }
                });
                double prefill = median(3, () -> {
                    try (NDManager step = m.newSubManager(); KvCache cache = model.newCache(step, 1, len)) {
                        NDArray tokens = step.create(ids).reshape(1, len);
                        NDArray pos = step.arange(0, len, 1, DataType.INT64).reshape(1, len);
                        NDArray hidden = model.decoder().prefill(model.decoder().embed(tokens), pos, null, cache, len);
                        model.decoder().logits(hidden.get(new NDIndex(":, -1:, :"))).getFloat(0, 0, 0);
                    }
                });
                double gemmRate = 2.0 * 2048 * 2048 * 2048 / gemm / 1e9;
                double prefillRate = prefillFlops(config.text(), len) / prefill / 1e9;
                ratios[r] = prefillRate / gemmRate;
                System.out.printf("round %d: GEMM %.1f GFLOP/s, prefill L=%d %.1f GFLOP/s (%.0f tokens/s), ratio %.2f%n",
                        r, gemmRate, len, prefillRate, len / prefill, ratios[r]);
            }
        }
        Arrays.sort(ratios);
        System.out.printf("median prefill/GEMM ratio at L=%d: %.2f%n", len, ratios[rounds / 2]);
    }

    private static double best(int runs, Runnable body) {
        body.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    static void profile(int len) {
        ModelConfig config = Presets.get("small");
        TextConfig t = config.text();
        ModelRuntime rt = ModelRuntime.cpu();
        Precision p = Precision.FP32;
        int h = t.hiddenSize();
        int heads = t.numAttentionHeads();
        int kvh = t.numKeyValueHeads();
        int d = t.headDim();
        int g = t.groupSize();
        try (NDManager m = rt.newManager();
             Parameters params = WeightInit.parameters(config, 1, m.newSubManager(), p)) {
            String l = "model.layers.0.";
            NDArray x = m.randomNormal(new Shape(1, len, h));
            NDArray wq = params.get(l + "self_attn.q_proj.weight");
            NDArray wk = params.get(l + "self_attn.k_proj.weight");
            NDArray wv = params.get(l + "self_attn.v_proj.weight");
            NDArray wqkv = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(wq, wk, wv), 0);
            NDArray q = m.randomNormal(new Shape(1, heads, len, d));
            NDArray k = m.randomNormal(new Shape(1, kvh, len, d));
            NDArray rot = io.step3vl.model.nn.Rotary.rotationMatrix(m, d, io.step3vl.model.nn.Rotary.Pairing.HALVES);
            NDArray cos = m.randomNormal(new Shape(1, 1, len, d));
            NDArray mask = m.zeros(new Shape(1, 1, (long) g * len, len));
            NDArray gu = m.randomNormal(new Shape(1, len, t.intermediateSize()));
            java.util.Map<String, Runnable> pieces = new java.util.LinkedHashMap<>();
            pieces.put("rmsNorm (L,H)", () -> io.step3vl.model.nn.Ops.rmsNorm(x, params.get(l + "input_layernorm.weight"), 1e-6).close());
            pieces.put("q,k,v linears", () -> {
                io.step3vl.model.nn.Ops.linear(x, wq, null, p).close();
                io.step3vl.model.nn.Ops.linear(x, wk, null, p).close();
                io.step3vl.model.nn.Ops.linear(x, wv, null, p).close();
            });
            pieces.put("fused qkv linear", () -> io.step3vl.model.nn.Ops.linear(x, wqkv, null, p).close());
            pieces.put("q_norm+k_norm", () -> {
                io.step3vl.model.nn.Ops.rmsNorm(q, params.get(l + "self_attn.q_norm.weight"), 1e-6).close();
                io.step3vl.model.nn.Ops.rmsNorm(k, params.get(l + "self_attn.k_norm.weight"), 1e-6).close();
            });
            pieces.put("rope q+k", () -> {
                io.step3vl.model.nn.Rotary.apply(q, cos, cos, rot).close();
                io.step3vl.model.nn.Rotary.apply(k, cos, cos, rot).close();
            });
            pieces.put("attention (GQA folded)", () -> io.step3vl.model.nn.Attention.attend(
                    q.reshape(1, kvh, (long) g * len, d), k, k, mask, 0.125, p).close());
            pieces.put("o_proj", () -> io.step3vl.model.nn.Ops.linear(x, params.get(l + "self_attn.o_proj.weight"), null, p).close());
            pieces.put("mlp gate+up", () -> {
                io.step3vl.model.nn.Ops.linear(x, params.get(l + "mlp.gate_proj.weight"), null, p).close();
                io.step3vl.model.nn.Ops.linear(x, params.get(l + "mlp.up_proj.weight"), null, p).close();
            });
            pieces.put("silu(g)*u", () -> {
                try (NDArray a = io.step3vl.model.nn.Ops.silu(gu)) {
                    a.mul(gu).close();
                }
            });
            pieces.put("mlp down", () -> io.step3vl.model.nn.Ops.linear(gu, params.get(l + "mlp.down_proj.weight"), null, p).close());
            double total = 0;
            for (java.util.Map.Entry<String, Runnable> e : pieces.entrySet()) {
                double sec = best(7, e.getValue());
                if (!e.getKey().startsWith("fused")) {
                    total += sec;
                }
                System.out.printf("%-24s %8.2f ms%n", e.getKey(), sec * 1e3);
            }
            System.out.printf("%-24s %8.2f ms (x %d layers = %.0f ms)%n", "sum of pieces", total * 1e3, t.numHiddenLayers(),
                    total * 1e3 * t.numHiddenLayers());
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

    public static void write(Path dir, String dtype) throws IOException {
        ModelConfig config = Presets.get("small");
        Files.createDirectories(dir);
        config.write(dir.resolve(ModelConfig.CONFIG_FILE));
        DType d = dtype.equals("bf16") ? DType.BF16 : DType.F32;
        SafetensorsWriter.write(dir.resolve("model.safetensors"), WeightInit.tensors(config, 1, d), java.util.Map.of());
        System.out.printf("wrote %s (%s, %.1f MB)%n", dir, d, Files.size(dir.resolve("model.safetensors")) / 1e6);
    }

    public static void load(Path dir) throws IOException {
        ModelRuntime rt = ModelRuntime.cpu();
        try (NDManager warm = rt.newManager()) {
            warm.ones(new Shape(4)).sum().getFloat(); // load libtorch before the baseline: not part of loading
        }
        long before = status("VmRSS:");
        long start = System.nanoTime();
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
