package io.step3vl.train.loop.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.step3vl.model.ImageInputs;
import io.step3vl.model.PixelBatch;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.WeightInit;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import io.step3vl.train.loss.TokenLoss;
import io.step3vl.train.optim.AdamW;
import io.step3vl.train.optim.AdamWConfig;
import io.step3vl.train.optim.GradClip;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training throughput (docs/benchmarks.md, "Training"): for a preset, one packed micro-batch of
 * (batch × seq) tokens — samples of {@code sampleLen} tokens each opening with one image (global view
 * only) when {@code images} — timed three ways, the ops the trainer runs:
 * forward only (embed, decoder, logits, loss; no autograd), forward + backward, and a whole optimizer
 * step (forward + backward + grad clip + AdamW). Prints tokens/s, seconds per step and the
 * backward/forward cost ratio.
 *
 * <pre>  TrainBench PRESET BATCH SEQ SAMPLE_LEN IMAGES(true|false) REPEATS</pre>
 */
public final class TrainBench {
    private TrainBench() {}

    public static void main(String[] args) {
        String preset = args[0];
        int batch = Integer.parseInt(args[1]);
        int seq = Integer.parseInt(args[2]);
        int sampleLen = Integer.parseInt(args[3]);
        boolean images = Boolean.parseBoolean(args[4]);
        int repeats = Integer.parseInt(args[5]);
        ModelConfig config = Presets.get(preset);
        ModelRuntime rt = ModelRuntime.cpu();
        try (NDManager root = rt.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 1, root.newSubManager(), Precision.FP32),
                     Precision.FP32);
             AdamW optimizer = new AdamW(AdamWConfig.defaults(), model.parameters().manager())) {
            Map<String, NDArray> params = model.parameters().asMap();
            Batch b = Batch.of(config, batch, seq, sampleLen, images);
            double forward = median(repeats, () -> {
                try (NDManager step = model.parameters().manager().newSubManager()) {
                    loss(model, b, step).getFloat();
                }
            });
            model.parameters().requireGradients(true);
            double backward = median(repeats, () -> {
                try (NDManager step = model.parameters().manager().newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(loss(model, b, step));
                }
                zeroGrads(params);
            });
            double whole = median(repeats, () -> {
                try (NDManager step = model.parameters().manager().newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(loss(model, b, step));
                    }
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    params.forEach((name, p) -> grads.put(name, p.getGradient()));
                    GradClip.clip(grads, 1.0);
                    optimizer.update(params, grads, 1e-4);
                    grads.values().forEach(NDArray::close);
                }
                zeroGrads(params);
            });
            long tokens = (long) batch * seq;
            System.out.printf(Locale.ROOT, "%s batch %d x %d tokens (%d-token samples, %s): forward %.3f s (%.0f tokens/s), "
                            + "forward+backward %.3f s (%.0f tokens/s, %.2fx forward), optimizer step %.3f s (%.0f tokens/s, "
                            + "%.2fx forward)%n",
                    preset, batch, seq, sampleLen, images ? b.images + " images of " + config.imageTokenLen() + " tokens" : "text only",
                    forward, tokens / forward, backward, tokens / backward, backward / forward, whole, tokens / whole,
                    whole / forward);
        }
    }

    private static NDArray loss(StepVLModel model, Batch b, NDManager m) {
        NDArray ids = m.create(b.ids, new Shape(b.batch, b.seq));
        NDArray features = b.pixels == null ? null : model.imageFeatures(b.pixels.toInputs(m), null);
        NDArray embeds = model.embed(ids, features, null);
        NDArray hidden = model.decoder().forward(embeds, m.create(b.positions, new Shape(b.batch, b.seq)),
                m.create(b.segments, new Shape(b.batch, b.seq)), null, null);
        NDArray logits = model.decoder().logits(hidden);
        return TokenLoss.maskedMean(logits, m.create(b.targets, new Shape(b.batch, b.seq)),
                m.create(b.mask, new Shape(b.batch, b.seq)));
    }

    private static void zeroGrads(Map<String, NDArray> params) {
        for (NDArray p : params.values()) {
            try (NDArray g = p.getGradient()) {
                g.muli(0);
            }
        }
    }

    private static double median(int repeats, Runnable run) {
        run.run(); // warm-up
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            run.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    /** Packed samples: random token ids, positions restarting per sample, each sample optionally opening with an image. */
    private record Batch(int batch, int seq, long[] ids, long[] positions, long[] segments, long[] targets, float[] mask,
                         PixelBatch pixels, int images) {
        static Batch of(ModelConfig config, int batch, int seq, int sampleLen, boolean withImages) {
            SplittableRandom random = new SplittableRandom(7);
            int n = batch * seq;
            long[] ids = new long[n];
            long[] pos = new long[n];
            long[] seg = new long[n];
            long[] tgt = new long[n];
            float[] mask = new float[n];
            int imageTokens = config.imageTokenLen();
            int textVocab = Math.min(config.text().vocabSize(), 480); // ordinary ids, clear of the special ones
            int images = 0;
            for (int r = 0; r < batch; r++) {
                for (int t = 0; t < seq; t++) {
                    int i = r * seq + t;
                    int inSample = t % sampleLen;
                    boolean image = withImages && inSample < imageTokens && seq - (t - inSample) >= imageTokens;
                    ids[i] = image ? config.imageTokenId() : random.nextInt(textVocab);
                    pos[i] = inSample;
                    seg[i] = t / sampleLen;
                    if (image && inSample == 0) {
                        images++;
                    }
                }
                for (int t = 0; t + 1 < seq; t++) {
                    int i = r * seq + t;
                    boolean sameSample = seg[i] == seg[i + 1];
                    tgt[i] = ids[i + 1];
                    mask[i] = sameSample && ids[i + 1] != config.imageTokenId() ? 1f : 0f;
                }
            }
            PixelBatch pixels = null;
            if (images > 0) {
                int side = config.vision().imageSize();
                float[] global = new float[images * 3 * side * side];
                for (int i = 0; i < global.length; i++) {
                    global[i] = (float) random.nextGaussian();
                }
                pixels = new PixelBatch(global, side, new float[0], side, new long[images]); // no crops
            }
            return new Batch(batch, seq, ids, pos, seg, tgt, mask, pixels, images);
        }
    }
}
