package io.step3vl.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.Parameters;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Scoped;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.Precision;

/**
 * The projector (architecture.md §3): features on the patch grid → two 3x3 convolutions with stride
 * {@code understand_projector_stride} and padding 1 (C → 2C → 4C) → a linear map 4C → hidden without
 * bias. No activation or norm anywhere. Trace names: {@code downsampler1_out}, {@code downsampler2_out}
 * (NCHW) and {@code projector_out}.
 */
public final class Projector {
    private final ModelConfig config;
    private final Parameters params;
    private final Precision precision;

    public Projector(ModelConfig config, Parameters params, Precision precision) {
        this.config = config;
        this.params = params;
        this.precision = precision;
    }

    /**
     * @param features (n, rows·cols, C) FP32, tokens row-major
     * @return (n, rows'·cols', hidden) FP32 with rows' = ceil-ish(rows / stride²) as the convs give
     */
    public NDArray forward(NDArray features, int rows, int cols, Trace trace, String prefix) {
        Shape s = features.getShape();
        long n = s.get(0);
        long width = s.get(2);
        int stride = config.projectorStride();
        String v = WeightLayout.VISION;
        return Scoped.compute(() -> {
            NDArray grid = features.transpose(0, 2, 1).reshape(n, width, rows, cols);                     // (n, C, rows, cols)
            NDArray d1 = Ops.conv2d(grid, params.get(v + "vit_downsampler1.weight"),
                    params.get(v + "vit_downsampler1.bias"), stride, 1, precision);                       // (n, 2C, r1, c1)
            Trace.record(trace, prefix + "downsampler1_out", d1);
            NDArray d2 = Ops.conv2d(d1, params.get(v + "vit_downsampler2.weight"),
                    params.get(v + "vit_downsampler2.bias"), stride, 1, precision);                       // (n, 4C, r2, c2)
            Trace.record(trace, prefix + "downsampler2_out", d2);
            Shape s2 = d2.getShape();
            NDArray tokens = d2.reshape(n, s2.get(1), s2.get(2) * s2.get(3)).transpose(0, 2, 1);          // (n, T, 4C)
            NDArray out = Ops.linear(tokens, params.get("vit_large_projector.weight"), null, precision);   // (n, T, hidden)
            Trace.record(trace, prefix + "projector_out", out);
            return out;
        });
    }
}
