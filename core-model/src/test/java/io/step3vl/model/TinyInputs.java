package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small multimodal batch for any config: one image with {@code crops} crops, laid out like the release. */
final class TinyInputs {
    final NDArray ids;        // (1, L)
    final NDArray positions;  // (1, L)
    final ImageInputs images;
    final NDArray textIds;    // (1, L) the same layout with every <im_patch> replaced by a text token

    TinyInputs(NDManager m, ModelConfig config, int crops, long seed) {
        Random random = new Random(seed);
        int image = config.imageTokenId();
        List<Long> tokens = new ArrayList<>(List.of(10L, 11L, 12L));
        for (int c = 0; c < crops; c++) {
            for (int t = 0; t < config.patchTokenLen(); t++) {
                tokens.add((long) image);
            }
            tokens.add(13L);
        }
        for (int t = 0; t < config.imageTokenLen(); t++) {
            tokens.add((long) image);
        }
        tokens.addAll(List.of(14L, 15L, 16L));
        long[] ids = tokens.stream().mapToLong(Long::longValue).toArray();
        this.ids = m.create(ids).reshape(1, ids.length);
        long[] text = ids.clone();
        for (int i = 0; i < text.length; i++) {
            text[i] = text[i] == image ? 20 + i % 50 : text[i];
        }
        this.textIds = m.create(text).reshape(1, text.length);
        this.positions = m.arange(0, ids.length, 1, DataType.INT64).reshape(1, ids.length);
        int g = config.globalImageSize();
        int c = config.cropImageSize();
        NDArray global = m.create(gaussian(random, 3 * g * g), new Shape(1, 3, g, g));
        NDArray patches = crops == 0 ? null : m.create(gaussian(random, crops * 3 * c * c), new Shape(crops, 3, c, c));
        this.images = new ImageInputs(global, patches, new long[] {crops});
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
