package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.step3vl.common.UserError;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.decoder.KvCache;
import io.step3vl.model.decoder.Qwen3Decoder;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Scoped;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import io.step3vl.model.vision.Projector;
import io.step3vl.model.vision.VisionEncoder;
import io.step3vl.safetensors.TensorStore;
import java.nio.file.Path;

/**
 * STEP3-VL-10B's network: vision tower → projector → image features merged into the
 * {@code <im_patch>} positions of the token embeddings → Qwen3 decoder → logits.
 *
 * <p>Trace names of {@link #imageFeatures}: {@code vision_out_global}, {@code vision_out_crops},
 * {@code projector_out_global}, {@code projector_out_crops}, {@code image_features_merged}, plus the
 * towers' own under the prefixes {@code global.} and {@code local.}; of {@link #embed}:
 * {@code inputs_embeds}; then the decoder's and {@code logits}.
 */
public final class StepVLModel implements AutoCloseable {
    private final ModelConfig config;
    private final Parameters params;
    private final Precision precision;
    private final VisionEncoder vision;
    private final Projector projector;
    private final Qwen3Decoder decoder;
    private int visionBatch = 8;

    public StepVLModel(ModelConfig config, Parameters params, Precision precision) {
        this.config = config;
        this.params = params;
        this.precision = precision;
        this.vision = new VisionEncoder(config.vision(), params, precision);
        this.projector = new Projector(config, params, precision);
        this.decoder = new Qwen3Decoder(config.text(), params, precision);
    }

    /**
     * Loads {@code dir} (config.json + model.safetensors or an index with shards) onto the runtime's
     * device. Bad config or weights: one {@link UserError} naming every problem.
     */
    public static StepVLModel load(Path dir, ModelRuntime runtime, LoadOptions options) {
        ModelConfig config = ModelConfig.read(dir);
        NDManager manager = runtime.newManager();
        try (TensorStore store = TensorStore.open(dir)) {
            Parameters params = WeightLoader.load(store, WeightLayout.of(config), manager, runtime.precision(), options,
                    store.source().toString());
            return new StepVLModel(config, params, runtime.precision());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    public Precision precision() {
        return precision;
    }

    public VisionEncoder vision() {
        return vision;
    }

    public Projector projector() {
        return projector;
    }

    public Qwen3Decoder decoder() {
        return decoder;
    }

    /** Views encoded per vision forward (bounds activation memory); default 8. */
    public void setVisionBatch(int views) {
        if (views <= 0) {
            throw new IllegalArgumentException("vision batch must be positive, got " + views);
        }
        this.visionBatch = views;
    }

    /**
     * Encodes every view and orders the projected features as the sequence consumes them: per image,
     * its crops (row-major) then its global view.
     *
     * @return (total image tokens, hidden) FP32
     */
    public NDArray imageFeatures(ImageInputs images, Trace trace) {
        NDArray global = images.pixelValues();                                                   // (images, 3, G, G)
        if (global == null || global.getShape().get(0) != images.imageCount()) {
            throw new UserError("pixel_values: expected one global view per image (" + images.imageCount() + "), got "
                    + (global == null ? "none" : global.getShape()));
        }
        long crops = images.cropCount();
        NDArray patches = images.patchPixelValues();                                              // (crops, 3, c, c)
        if ((patches == null ? 0 : patches.getShape().get(0)) != crops) {
            throw new UserError("patch_pixel_values: num_patches sums to " + crops + " crops, got "
                    + (patches == null ? "none" : patches.getShape()));
        }
        return Scoped.compute(() -> {
            NDArray globalTokens = encodeViews(global, trace, "global");                           // (images, Tg, H)
            NDArray cropTokens = crops == 0 ? null : encodeViews(patches, trace, "local");         // (crops, Tc, H)
            long hidden = config.text().hiddenSize();
            NDList ordered = new NDList();
            long crop = 0;
            long[] perImage = images.numPatches();
            for (int i = 0; i < perImage.length; i++) {
                if (perImage[i] > 0) {
                    ordered.add(cropTokens.get(new NDIndex("{}:{}", crop, crop + perImage[i])).reshape(-1, hidden));
                    crop += perImage[i];
                }
                ordered.add(globalTokens.get(i));
            }
            NDArray merged = Ops.concat(ordered, 0);                                            // (tokens, H)
            globalTokens.close();
            if (cropTokens != null) {
                cropTokens.close();
            }
            Trace.record(trace, "image_features_merged", merged);
            return merged;
        });
    }

    /** Vision tower + projector over views of one size, {@link #visionBatch} at a time. (n, 3, S, S) → (n, T, H). */
    private NDArray encodeViews(NDArray pixels, Trace trace, String kind) {
        long n = pixels.getShape().get(0);
        int patch = config.vision().patchSize();
        int rows = (int) (pixels.getShape().get(2) / patch);
        int cols = (int) (pixels.getShape().get(3) / patch);
        String suffix = kind.equals("global") ? "global" : "crops";
        NDList features = new NDList();
        NDList projected = new NDList();
        return Scoped.compute(() -> {
            for (long from = 0; from < n; from += visionBatch) {
                NDArray views = pixels.get(new NDIndex("{}:{}", from, Math.min(n, from + visionBatch)));
                NDArray f = vision.forward(views, trace, kind + ".");                               // (v, S, C)
                features.add(f);
                projected.add(projector.forward(f, rows, cols, trace, kind + "."));                  // (v, T, H)
            }
            NDArray all = Ops.concat(projected, 0);                                             // (n, T, H)
            if (Trace.wants(trace, "vision_out_" + suffix)) {
                try (NDArray visionOut = Ops.concat(features, 0)) {
                    Trace.record(trace, "vision_out_" + suffix, visionOut);
                }
            }
            Trace.record(trace, "projector_out_" + suffix, all);
            features.close();
            projected.close();
            return all;
        });
    }

    /**
     * Token embeddings with image features written into the {@code image_token_id} positions, in order.
     * Differentiable in both the embedding table and the features.
     *
     * @param inputIds      (batch, seq) INT64
     * @param imageFeatures (image tokens, hidden) FP32 from {@link #imageFeatures}, or null for text only
     * @return (batch, seq, hidden) FP32
     */
    public NDArray embed(NDArray inputIds, NDArray imageFeatures, Trace trace) {
        Shape s = inputIds.getShape();
        long[] ids = inputIds.toLongArray();
        int imageToken = config.imageTokenId();
        long slots = 0;
        for (long id : ids) {
            if (id == imageToken) {
                slots++;
            }
        }
        long features = imageFeatures == null ? 0 : imageFeatures.getShape().get(0);
        if (slots != features) {
            throw new UserError("input_ids: " + slots + " <im_patch> (id " + imageToken + ") positions but "
                    + features + " image feature rows; the token layout and the images disagree");
        }
        NDArray text = decoder.embed(inputIds);                                                     // (b, s, H)
        if (features == 0) {
            Trace.record(trace, "inputs_embeds", text);
            return text;
        }
        return Scoped.compute(() -> {
            // One gather from [text rows ; feature rows]: text positions pick themselves, image positions their feature.
            long[] source = new long[ids.length];
            long next = ids.length;
            for (int i = 0; i < ids.length; i++) {
                source[i] = ids[i] == imageToken ? next++ : i;
            }
            long hidden = config.text().hiddenSize();
            NDArray table = Ops.concat(new NDList(text.reshape(ids.length, hidden), imageFeatures), 0); // (b·s + F, H)
            NDArray index = Ops.constant(inputIds.getManager(), source, new Shape(source.length));                                    // (b·s)
            NDArray merged = Ops.embedding(index, table).reshape(s.get(0), s.get(1), hidden);         // (b, s, H)
            Trace.record(trace, "inputs_embeds", merged);
            text.close();
            return merged;
        });
    }

    /**
     * Full forward without a cache: embeddings (with images) → decoder → logits at every position.
     *
     * @param images null for text only
     * @return (batch, seq, vocab) FP32
     */
    public NDArray forward(NDArray inputIds, NDArray positionIds, ImageInputs images, Trace trace) {
        return Scoped.compute(() -> {
            NDArray features = images == null ? null : imageFeatures(images, trace);  // (F, H)
            NDArray embeds = embed(inputIds, features, trace);                         // (b, s, H)
            if (features != null) {
                features.close();
            }
            NDArray hidden = decoder.forward(embeds, positionIds, null, null, trace);  // (b, s, H)
            embeds.close();
            NDArray logits = decoder.logits(hidden);                                   // (b, s, V)
            hidden.close();
            Trace.record(trace, "logits", logits);
            return logits;
        });
    }

    /** A cache sized for this model in its compute dtype. */
    public KvCache newCache(NDManager manager, int batch, int capacity) {
        return KvCache.create(manager, config.text(), batch, capacity, precision.compute());
    }

    @Override
    public void close() {
        params.close();
    }
}
