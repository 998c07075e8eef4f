package io.step3vl.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.image.ImageDecoder;
import io.step3vl.image.ImageProcessor;
import io.step3vl.image.ProcessedImage;
import io.step3vl.inference.local.PromptEncoder;
import io.step3vl.model.ImageInputs;
import io.step3vl.model.PixelBatch;
import io.step3vl.train.data.ImageRef;
import io.step3vl.train.data.pack.Pack;
import java.util.ArrayList;
import java.util.List;

/**
 * Packed sequences stacked into the model's inputs. Packs are padded to the same length; images are
 * decoded and preprocessed here, in the order their placeholders appear (pack by pack).
 *
 * @param inputIds   (batch, seq) INT64
 * @param positions  (batch, seq) INT64, restarting per packed sample
 * @param segments   (batch, seq) INT64, -1 on padding
 * @param targets    (batch, seq) INT64
 * @param mask       (batch, seq) FP32, 1 on trained targets
 * @param images     the views, or null without images
 * @param tokens     trained target tokens in the micro-batch
 * @param samples    samples packed into it
 */
record MicroBatch(NDArray inputIds, NDArray positions, NDArray segments, NDArray targets, NDArray mask,
                  ImageInputs images, int tokens, int samples) {

    static MicroBatch of(List<Pack> packs, NDManager manager, ImageProcessor processor, ImageDecoder decoder) {
        int b = packs.size();
        int seq = packs.stream().mapToInt(p -> p.inputIds().length).max().orElseThrow();
        long[] ids = new long[b * seq];
        long[] pos = new long[b * seq];
        long[] seg = new long[b * seq];
        long[] tgt = new long[b * seq];
        float[] msk = new float[b * seq];
        java.util.Arrays.fill(seg, -1);
        int tokens = 0;
        int samples = 0;
        List<ProcessedImage> images = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            Pack p = packs.get(r);
            int[] in = p.inputIds();
            for (int t = 0; t < in.length; t++) {
                int i = r * seq + t;
                ids[i] = in[t];
                pos[i] = p.positionIds()[t];
                seg[i] = p.segmentIds()[t];
                tgt[i] = p.targets()[t];
                msk[i] = p.targetMask()[t] ? 1f : 0f;
            }
            tokens += p.trainedTokens();
            samples += p.segmentCount();
            for (ImageRef ref : p.images()) {
                images.add(processor.process(decoder.decode(ref.readBytes(), ref.reference())));
            }
        }
        Shape shape = new Shape(b, seq);
        PixelBatch pixels = PromptEncoder.pixels(images, processor);
        return new MicroBatch(manager.create(ids, shape), manager.create(pos, shape), manager.create(seg, shape),
                manager.create(tgt, shape), manager.create(msk, shape).toType(DataType.FLOAT32, false),
                pixels == null ? null : pixels.toInputs(manager), tokens, samples);
    }
}
