package io.step3vl.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which dtype matrix multiplications run in. The residual stream, norms, RoPE, softmax and the loss
 * always stay FP32; only the weights of linear/conv/embedding layers and their inputs use
 * {@link #compute()} — FP32 on CPU, FP16 on GPU (DJL's PyTorch engine has no BF16).
 */
public record Precision(DataType compute) {
    public static final Precision FP32 = new Precision(DataType.FLOAT32);
    public static final Precision FP16 = new Precision(DataType.FLOAT16);

    public Precision {
        if (compute != DataType.FLOAT32 && compute != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute dtype must be FLOAT32 or FLOAT16, got " + compute);
        }
    }

    /** True when activations must be cast around matmuls. */
    public boolean mixed() {
        return compute != DataType.FLOAT32;
    }

    /** {@code x} in the compute dtype (the same array when it already is). */
    public NDArray toCompute(NDArray x) {
        return x.toType(compute, false);
    }

    /** {@code x} in FP32 (the same array when it already is). */
    public static NDArray toFloat32(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }
}
