package io.step3vl.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.nn.Scoped;

/**
 * The decoder's 1D RoPE ("rotate_half", architecture.md §4): {@code inv_freq[k] = θ^(−2k/D)},
 * k &lt; D/2; the angle vector of a token is its position times inv_freq, concatenated twice, so
 * channel k pairs with k + D/2. Angles are computed in FP32 from the position ids, as Hugging Face does.
 */
public final class DecoderRope {
    private DecoderRope() {}

    /** inv_freq in double, rounded once to float. */
    public static float[] inverseFrequencies(int headDim, double theta) {
        float[] inv = new float[headDim / 2];
        for (int k = 0; k < inv.length; k++) {
            inv[k] = (float) (1.0 / Math.pow(theta, (2.0 * k) / headDim));
        }
        return inv;
    }

    /**
     * @param positionIds (batch, seq) INT64
     * @return {cos, sin}, each (batch, 1, seq, headDim) FP32, in positionIds' manager
     */
    public static NDArray[] tables(NDArray positionIds, int headDim, double theta) {
        NDManager m = positionIds.getManager();
        return Scoped.computeAll(() -> {
            NDArray pos = positionIds.toType(DataType.FLOAT32, false).expandDims(-1);             // (b, s, 1)
            NDArray inv = Ops.constant(m, inverseFrequencies(headDim, theta), new Shape(1, 1, headDim / 2)); // (1, 1, D/2)
            NDArray half = pos.mul(inv);                                                            // (b, s, D/2)
            NDArray angles = NDArrays.concat(new ai.djl.ndarray.NDList(half, half), -1).expandDims(1); // (b, 1, s, D)
            NDArray cos = angles.cos();
            NDArray sin = angles.sin();
            return new NDArray[] {cos, sin};
        });
    }
}
