package io.step3vl.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.common.UserError;
import io.step3vl.model.Parameters;
import io.step3vl.model.config.TextConfig;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Rotary;
import io.step3vl.model.nn.Scoped;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.Precision;

/**
 * The Qwen3 decoder: pre-norm layers of RMSNorm → GQA attention (q/k RMSNorm per head before RoPE)
 * → residual → RMSNorm → SwiGLU MLP → residual, then the final RMSNorm; {@link #logits} applies
 * {@code lm_head}. See the package documentation for segments, the KV cache and autograd.
 * Trace names: {@code layer_<i>_out} (residual stream after layer i), {@code final_hidden}.
 */
public final class Qwen3Decoder {
    /** Added to blocked attention scores; finite so a fully blocked (padding) row stays NaN-free. */
    static final float BLOCKED = -1e30f;

    private final TextConfig config;
    private final Parameters params;
    private final Precision precision;

    public Qwen3Decoder(TextConfig config, Parameters params, Precision precision) {
        this.config = config;
        this.params = params;
        this.precision = precision;
    }

    public TextConfig config() {
        return config;
    }

    /**
     * Token embeddings.
     *
     * @param inputIds (batch, seq) INT64
     * @return (batch, seq, hidden) FP32
     */
    public NDArray embed(NDArray inputIds) {
        NDArray rows = Ops.embedding(inputIds, params.get("model.embed_tokens.weight")); // (b, s, H)
        NDArray fp32 = Precision.toFloat32(rows);
        if (fp32 != rows) {
            rows.close();
        }
        return fp32;
    }

    /**
     * Logits of the given hidden states (select positions first when only some are needed).
     *
     * @param hidden (..., hidden) FP32, after the final norm
     * @return (..., vocab) FP32
     */
    public NDArray logits(NDArray hidden) {
        String head = config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
        return Ops.linear(hidden, params.get(head), null, precision);
    }

    /**
     * One forward pass over a chunk of tokens.
     *
     * @param inputsEmbeds (batch, seq, hidden) FP32
     * @param positionIds  (batch, seq) INT64, the RoPE positions
     * @param segmentIds   (batch, seq) INT64 or null: attention only within equal ids, -1 = padding
     * @param cache        null for a self-contained pass (training, scoring); else the chunk is appended
     *                     to the cache and attends to all cached slots
     * @param trace        optional intermediates
     * @return (batch, seq, hidden) FP32 after the final norm
     */
    public NDArray forward(NDArray inputsEmbeds, NDArray positionIds, NDArray segmentIds, KvCache cache, Trace trace) {
        Shape s = inputsEmbeds.getShape();
        checkInputs(s, positionIds, segmentIds, cache);
        long batch = s.get(0);
        long seq = s.get(1);
        return Scoped.compute(() -> {
            NDManager m = inputsEmbeds.getManager();
            NDArray segments = segmentIds != null ? segmentIds : m.zeros(new Shape(batch, seq), DataType.INT64); // (b, s)
            int start = cache == null ? 0 : cache.begin(segments);
            int total = start + (int) seq;
            NDArray keySegments = cache == null ? segments : cache.segments(total);                   // (b, t)
            NDArray mask = attentionMask(segments, keySegments, start);                               // (b, 1, s, t)
            NDArray[] rope = DecoderRope.tables(positionIds, config.headDim(), config.ropeTheta());    // 2 x (b, 1, s, D)
            NDArray rotation = Rotary.rotationMatrix(m, config.headDim(), Rotary.Pairing.HALVES);     // (D, D)
            NDArray x = inputsEmbeds;
            for (int l = 0; l < config.numHiddenLayers(); l++) {
                NDArray next = layer(l, x, mask, rope[0], rope[1], rotation, cache, start);          // (b, s, H)
                if (x != inputsEmbeds) {
                    x.close();
                }
                x = next;
                Trace.record(trace, "layer_" + l + "_out", x);
            }
            NDArray hidden = Ops.rmsNorm(x, params.get("model.norm.weight"), config.rmsNormEps());   // (b, s, H)
            Trace.record(trace, "final_hidden", hidden);
            if (cache != null) {
                cache.commit(start, (int) seq);
            }
            return hidden;
        });
    }

    /**
     * Chunked prefill: {@link #forward} over consecutive chunks of at most {@code chunk} tokens against
     * {@code cache}, so attention memory is chunk × cached length, never L × L.
     *
     * @return (batch, seq, hidden) FP32, the final hidden state of every token
     */
    public NDArray prefill(NDArray inputsEmbeds, NDArray positionIds, NDArray segmentIds, KvCache cache, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        long seq = inputsEmbeds.getShape().get(1);
        if (seq <= chunk) {
            return forward(inputsEmbeds, positionIds, segmentIds, cache, null);
        }
        NDList parts = new NDList();
        return Scoped.compute(() -> {
            for (long from = 0; from < seq; from += chunk) {
                long to = Math.min(seq, from + chunk);
                NDIndex tokens = new NDIndex(":, {}:{}", from, to);
                NDIndex hiddenTokens = new NDIndex(":, {}:{}, :", from, to);
                NDArray segs = segmentIds == null ? null : segmentIds.get(tokens);
                parts.add(forward(inputsEmbeds.get(hiddenTokens), positionIds.get(tokens), segs, cache, null));
            }
            NDArray out = Ops.concat(parts, 1);                                                 // (b, s, H)
            parts.close();
            return out;
        });
    }

    /**
     * Additive mask (b, 1, s, t): query i (cache slot start + i) may see key slot j iff j ≤ start + i,
     * key j is not padding, and both share a segment.
     */
    static NDArray attentionMask(NDArray querySegments, NDArray keySegments, int start) {
        NDManager m = querySegments.getManager();
        long s = querySegments.getShape().get(1);
        long t = keySegments.getShape().get(1);
        return Scoped.compute(() -> {
            NDArray qSlot = m.arange(start, start + (int) s, 1, DataType.INT64).reshape(1, s, 1);      // (1, s, 1)
            NDArray kSlot = m.arange(0, (int) t, 1, DataType.INT64).reshape(1, 1, t);                   // (1, 1, t)
            NDArray causal = kSlot.lte(qSlot);                                                            // (1, s, t)
            NDArray kSeg = keySegments.reshape(-1, 1, t);                                                 // (b, 1, t)
            NDArray sameSegment = querySegments.reshape(-1, s, 1).eq(kSeg);                               // (b, s, t)
            NDArray allowed = causal.logicalAnd(sameSegment).logicalAnd(kSeg.gte(0));                     // (b, s, t)
            NDArray mask = allowed.toType(DataType.FLOAT32, false).sub(1f).mul(-BLOCKED).expandDims(1);   // (b, 1, s, t)
            return mask;
        });
    }

    /** Token rows from which q/k/v (and gate/up) are computed with one fused matmul each. */
    static final long FUSE_FROM_ROWS = 64;

    /** One decoder layer. x (b, s, H) → (b, s, H); mask (b, 1, s, t). */
    private NDArray layer(int l, NDArray x, NDArray mask, NDArray cos, NDArray sin, NDArray rotation,
                          KvCache cache, int start) {
        String p = "model.layers." + l + ".";
        Shape s = x.getShape();
        long b = s.get(0);
        long seq = s.get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int d = config.headDim();
        double eps = config.rmsNormEps();
        boolean fuse = b * seq >= FUSE_FROM_ROWS;
        return Scoped.compute(() -> {
            NDArray h = Ops.rmsNorm(x, params.get(p + "input_layernorm.weight"), eps);                   // (b, s, H)
            NDList qkv = project(h, fuse, p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight",
                    p + "self_attn.v_proj.weight");
            NDArray q = qkv.get(0).reshape(b, seq, heads, d).transpose(0, 2, 1, 3);                     // (b, heads, s, D)
            NDArray k = qkv.get(1).reshape(b, seq, kvHeads, d).transpose(0, 2, 1, 3);                   // (b, kvHeads, s, D)
            NDArray v = qkv.get(2).reshape(b, seq, kvHeads, d).transpose(0, 2, 1, 3);                   // (b, kvHeads, s, D)
            q = Rotary.apply(Ops.rmsNorm(q, params.get(p + "self_attn.q_norm.weight"), eps), cos, sin, rotation);
            k = Rotary.apply(Ops.rmsNorm(k, params.get(p + "self_attn.k_norm.weight"), eps), cos, sin, rotation);
            NDArray keys = k;                                                                            // (b, kvHeads, t, D)
            NDArray values = v;                                                                          // (b, kvHeads, t, D)
            if (cache != null) {
                cache.write(l, start, k, v);
                keys = cache.keys(l, start + (int) seq);
                values = cache.values(l, start + (int) seq);
            }
            NDArray a = CausalAttention.attend(q, keys, values, mask, kvHeads, 1.0 / Math.sqrt(d), precision) // (b, heads, s, D)
                    .transpose(0, 2, 1, 3).reshape(b, seq, (long) heads * d);                            // (b, s, heads·D)
            NDArray attnOut = Ops.linear(a, params.get(p + "self_attn.o_proj.weight"), null, precision); // (b, s, H)
            NDArray x1 = x.add(attnOut);                                                                 // (b, s, H)
            NDArray h2 = Ops.rmsNorm(x1, params.get(p + "post_attention_layernorm.weight"), eps);        // (b, s, H)
            NDList gateUp = project(h2, fuse, p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight");   // 2 x (b, s, I)
            NDArray act = Ops.silu(gateUp.get(0)).mul(gateUp.get(1));                                   // (b, s, I)
            NDArray mlp = Ops.linear(act, params.get(p + "mlp.down_proj.weight"), null, precision);      // (b, s, H)
            return x1.add(mlp);                                                                          // (b, s, H)
        });
    }

    /**
     * {@code h · Wᵢᵀ} for each named weight. With many rows one matmul against the row-stacked weights
     * is faster than several; the stacking is redone every call (cheap next to the matmul at that size,
     * and always current while training updates the weights). Few rows (decoding): separate matmuls.
     *
     * @param h (b, s, H)
     * @return one (b, s, outᵢ) per weight
     */
    private NDList project(NDArray h, boolean fuse, String... weights) {
        NDList w = new NDList();
        for (String name : weights) {
            w.add(params.get(name));
        }
        if (!fuse) {
            NDList out = new NDList();
            for (NDArray wi : w) {
                out.add(Ops.linear(h, wi, null, precision));
            }
            return out;
        }
        long[] sizes = new long[w.size() - 1];
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            offset += w.get(i).getShape().get(0);
            sizes[i] = offset;
        }
        NDArray stacked = NDArrays.concat(w, 0);                                                        // (Σ outᵢ, H)
        NDArray all = Ops.linear(h, stacked, null, precision);                                         // (b, s, Σ outᵢ)
        return all.split(sizes, all.getShape().dimension() - 1);                                        // each (b, s, outᵢ)
    }

    private void checkInputs(Shape embeds, NDArray positionIds, NDArray segmentIds, KvCache cache) {
        if (embeds.dimension() != 3 || embeds.get(2) != config.hiddenSize()) {
            throw new UserError("inputs_embeds: expected (batch, seq, " + config.hiddenSize() + "), got " + embeds);
        }
        Shape tokens = new Shape(embeds.get(0), embeds.get(1));
        if (!positionIds.getShape().equals(tokens)) {
            throw new UserError("position_ids: expected " + tokens + " to match the embeddings, got " + positionIds.getShape());
        }
        if (segmentIds != null && !segmentIds.getShape().equals(tokens)) {
            throw new UserError("segment ids: expected " + tokens + ", got " + segmentIds.getShape());
        }
        if (cache != null && cache.batchSize() != embeds.get(0)) {
            throw new IllegalArgumentException("KV cache holds " + cache.batchSize() + " rows, input has " + embeds.get(0));
        }
    }
}
