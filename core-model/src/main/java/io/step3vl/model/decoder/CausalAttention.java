package io.step3vl.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Scoped;
import io.step3vl.model.runtime.Precision;

/**
 * Grouped-query attention over cache slots, in blocks of queries. A block of queries ending at slot
 * {@code e} can only see keys in slots {@code [0, e)} (causality is by slot), so each block multiplies
 * against that prefix only: for a causal prompt the work drops to about half of the full L×L product,
 * and each block's score matrix stays small. Query heads of a group are folded into the row axis so
 * keys and values are never repeated per head; the mask is broadcast over heads, never copied.
 */
final class CausalAttention {
    /** Queries per block; smaller when the key range is long, so one block's scores stay bounded. */
    static final int MAX_BLOCK = 256;
    /** Score elements per block (heads × block × keys) above which the block shrinks. */
    static final long MAX_SCORES = 64L << 20;

    private CausalAttention() {}

    /**
     * @param q      (b, heads, s, D) FP32, after norm and RoPE
     * @param keys   (b, kvHeads, t, D), slots [0, t); the queries occupy slots [start, start + s) = [t - s, t)
     * @param values (b, kvHeads, t, D)
     * @param mask   (b, 1, s, t) additive FP32
     * @return (b, heads, s, D) FP32
     */
    static NDArray attend(NDArray q, NDArray keys, NDArray values, NDArray mask, int kvHeads, double scale,
                          Precision precision) {
        Shape qs = q.getShape();
        long b = qs.get(0);
        long heads = qs.get(1);
        long s = qs.get(2);
        long d = qs.get(3);
        long t = keys.getShape().get(2);
        long group = heads / kvHeads;
        long start = t - s;
        long block = Math.max(1, Math.min(MAX_BLOCK, MAX_SCORES / Math.max(1, heads * t)));
        return Scoped.compute(() -> {
            NDArray q5 = Ops.mul(q, (float) scale).reshape(b, kvHeads, group, s, d);                      // (b, kvh, g, s, D)
            NDArray kc = precision.toCompute(keys);
            NDArray vc = precision.toCompute(values);
            NDList blocks = new NDList();
            for (long from = 0; from < s; from += block) {
                long to = Math.min(s, from + block);
                long n = to - from;
                long visible = start + to;                                                          // keys [0, visible)
                NDArray qb = q5.get(new NDIndex(":, :, :, {}:{}, :", from, to)).reshape(b, kvHeads, group * n, d); // (b, kvh, g·n, D)
                NDArray kT = kc.get(new NDIndex(":, :, :{}, :", visible)).swapAxes(-1, -2);        // (b, kvh, D, k)
                NDArray scores = Precision.toFloat32(precision.toCompute(qb).matMul(kT))
                        .reshape(b, kvHeads, group, n, visible);                                    // (b, kvh, g, n, k)
                // in place: matmul's backward needs its inputs, not its output, so autograd allows it
                scores.addi(mask.get(new NDIndex(":, :, {}:{}, :{}", from, to, visible)).expandDims(2)); // + (b, 1, 1, n, k)
                NDArray probs = precision.toCompute(scores.softmax(-1).reshape(b, kvHeads, group * n, visible));
                NDArray out = Precision.toFloat32(probs.matMul(vc.get(new NDIndex(":, :, :{}, :", visible)))); // (b, kvh, g·n, D)
                blocks.add(out.reshape(b, kvHeads, group, n, d));
            }
            return Ops.concat(blocks, 3).reshape(b, heads, s, d);                                   // (b, heads, s, D)
        });
    }
}
