package io.step3vl.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.step3vl.common.UserError;
import io.step3vl.model.Parameters;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.VisionConfig;
import io.step3vl.model.nn.Attention;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Rotary;
import io.step3vl.model.nn.Scoped;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.Precision;

/**
 * The vision tower: pixels (n, 3, H, W) → features (n, S, C), S = (H/P)·(W/P), tokens row-major.
 * Trace names (with the caller's prefix): {@code patch_embed}, {@code pos_embed}, {@code embed_with_pos},
 * {@code ln_pre_out}, {@code rope_cos}, {@code rope_sin}, {@code block_<i>_out}, {@code vision_out}.
 */
public final class VisionEncoder {
    private static final String P = WeightLayout.VISION;

    private final VisionConfig config;
    private final Parameters params;
    private final Precision precision;

    public VisionEncoder(VisionConfig config, Parameters params, Precision precision) {
        this.config = config;
        this.params = params;
        this.precision = precision;
    }

    public VisionConfig config() {
        return config;
    }

    /**
     * @param pixels (n, channels, H, W) FP32, CLIP-normalised; H and W multiples of the patch size
     * @param trace  optional capture of intermediates, names prefixed by {@code prefix}
     * @return (n, (H/P)·(W/P), width) FP32
     */
    public NDArray forward(NDArray pixels, Trace trace, String prefix) {
        Shape s = pixels.getShape();
        int patch = config.patchSize();
        if (s.dimension() != 4 || s.get(1) != config.numChannels() || s.get(2) % patch != 0 || s.get(3) % patch != 0) {
            throw new UserError("pixel values: expected (n, " + config.numChannels() + ", H, W) with H and W multiples of "
                    + patch + ", got " + s);
        }
        int n = (int) s.get(0);
        int rows = (int) (s.get(2) / patch);
        int cols = (int) (s.get(3) / patch);
        int width = config.width();
        return Scoped.compute(() -> {
            NDArray conv = Ops.conv2d(pixels, params.get(P + "conv1.weight"), null, patch, 0, precision); // (n, C, rows, cols)
            NDArray x = conv.reshape(n, width, (long) rows * cols).transpose(0, 2, 1);                   // (n, S, C)
            Trace.record(trace, prefix + "patch_embed", x);
            if (config.useAbsPosemb()) {
                NDArray pos = positionEmbedding(x.getManager(), rows, cols);                              // (S, C)
                Trace.record(trace, prefix + "pos_embed", pos);
                x = x.add(pos);
                Trace.record(trace, prefix + "embed_with_pos", x);
            }
            if (config.useLnPre()) {
                x = Ops.layerNorm(x, params.get(P + "ln_pre.weight"), params.get(P + "ln_pre.bias"), config.layerNormEps());
                Trace.record(trace, prefix + "ln_pre_out", x);
            }
            NDArray[] rope = ropeTables(x.getManager(), rows, cols);                                      // 2 x (S, D)
            Trace.record(trace, prefix + "rope_cos", rope[0]);
            Trace.record(trace, prefix + "rope_sin", rope[1]);
            NDArray rotation = Rotary.rotationMatrix(x.getManager(), config.headDim(), Rotary.Pairing.ADJACENT); // (D, D)
            for (int i = 0; i < config.layers(); i++) {
                NDArray next = block(i, x, rope[0], rope[1], rotation);                                   // (n, S, C)
                x.close();
                x = next;
                Trace.record(trace, prefix + "block_" + i + "_out", x);
            }
            if (config.useLnPost()) {
                x = Ops.layerNorm(x, params.get(P + "ln_post.weight"), params.get(P + "ln_post.bias"), config.layerNormEps());
            }
            Trace.record(trace, prefix + "vision_out", x);
            return x;
        });
    }

    /**
     * The absolute position embedding for a rows × cols grid: as stored for the native grid, else
     * bilinearly resized (align_corners=False) — differentiable in the stored table.
     *
     * @param manager owner of the result (the activations' manager)
     * @return (rows·cols, C) FP32, a new array
     */
    public NDArray positionEmbedding(NDManager manager, int rows, int cols) {
        NDArray table = params.get(P + "positional_embedding");                                          // (g·g, C)
        int g = config.nativeGrid();
        int width = config.width();
        if (rows == g && cols == g) {
            // toType keeps the autograd graph (duplicate() would detach); a same-type result may alias the table
            NDArray copy = table.toType(ai.djl.ndarray.types.DataType.FLOAT32, true);                    // (g·g, C)
            copy.attach(manager);
            return copy;
        }
        return Scoped.compute(() -> {
            NDManager m = manager;
            NDArray rowWeights = Ops.constant(m, BilinearResize.matrix(g, rows), new Shape(rows, g));            // (rows, g)
            NDArray colWeights = Ops.constant(m, BilinearResize.matrix(g, cols), new Shape(1, cols, g));         // (1, cols, g)
            NDArray grid = Precision.toFloat32(table).reshape(g, (long) g * width);                      // (g, g·C)
            NDArray byRows = rowWeights.matMul(grid).reshape(rows, g, width);                             // (rows, g, C)
            NDArray resized = colWeights.matMul(byRows).reshape((long) rows * cols, width);              // (rows·cols, C)
            return resized;
        });
    }

    private NDArray[] ropeTables(NDManager manager, int rows, int cols) {
        float[][] t = VisionRope.tables(rows, cols, config.headDim(), config.ropeTheta());
        Shape shape = new Shape((long) rows * cols, config.headDim());
        return new NDArray[] {Ops.constant(manager, t[0], shape), Ops.constant(manager, t[1], shape)};
    }

    /** One residual block (architecture.md §2.1). x (n, S, C) → (n, S, C). */
    private NDArray block(int i, NDArray x, NDArray cos, NDArray sin, NDArray rotation) {
        String b = WeightLayout.BLOCK + i + ".";
        Shape s = x.getShape();
        long n = s.get(0);
        long tokens = s.get(1);
        int heads = config.heads();
        int d = config.headDim();
        double eps = config.layerNormEps();
        return Scoped.compute(() -> {
            NDArray h = Ops.layerNorm(x, params.get(b + "ln_1.weight"), params.get(b + "ln_1.bias"), eps);      // (n, S, C)
            NDArray qkv = Ops.linear(h, params.get(b + "attn.in_proj_weight"), params.get(b + "attn.in_proj_bias"),
                    precision)                                                                                  // (n, S, 3C)
                    .reshape(n, tokens, 3, heads, d).transpose(2, 0, 3, 1, 4);                                  // (3, n, heads, S, D)
            NDArray q = Rotary.apply(qkv.get(0), cos, sin, rotation);                                           // (n, heads, S, D)
            NDArray k = Rotary.apply(qkv.get(1), cos, sin, rotation);                                           // (n, heads, S, D)
            NDArray a = Attention.attend(q, k, qkv.get(2), null, 1.0 / Math.sqrt(d), precision)              // (n, heads, S, D)
                    .transpose(0, 2, 1, 3).reshape(n, tokens, (long) heads * d);                               // (n, S, C)
            NDArray attnOut = Ops.linear(a, params.get(b + "attn.out_proj.weight"), params.get(b + "attn.out_proj.bias"),
                    precision);                                                                                 // (n, S, C)
            NDArray x1 = x.add(attnOut.mul(params.get(b + "ls_1.gamma")));                                      // (n, S, C)
            NDArray h2 = Ops.layerNorm(x1, params.get(b + "ln_2.weight"), params.get(b + "ln_2.bias"), eps);    // (n, S, C)
            NDArray fc = Ops.linear(h2, params.get(b + "mlp.c_fc.weight"), params.get(b + "mlp.c_fc.bias"), precision); // (n, S, mlp)
            NDArray act = "gelu".equals(config.hiddenAct()) ? Ops.gelu(fc) : Ops.quickGelu(fc);              // (n, S, mlp)
            NDArray mlpOut = Ops.linear(act, params.get(b + "mlp.c_proj.weight"), params.get(b + "mlp.c_proj.bias"),
                    precision);                                                                                 // (n, S, C)
            NDArray out = x1.add(mlpOut.mul(params.get(b + "ls_2.gamma")));                                     // (n, S, C)
            return out;
        });
    }
}
