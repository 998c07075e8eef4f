package io.step3vl.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.step3vl.model.nn.Ops;

/**
 * Next-token cross-entropy and log-probabilities over supervised positions.
 *
 * <p>Inputs are already shifted: {@code targets[b, t]} is the token that {@code logits[b, t]} should
 * predict, and {@code mask[b, t]} is 1 where the position is trained (assistant tokens in SFT, text
 * tokens in pre-training, never image placeholders) and 0 elsewhere.
 */
public final class TokenLoss {
    private TokenLoss() {}

    /**
     * Log-probability of each target under the logits, in float32.
     *
     * @param logits  (batch, seq, vocab)
     * @param targets (batch, seq) int64
     * @return (batch, seq) float32
     */
    public static NDArray targetLogprobs(NDArray logits, NDArray targets) {
        NDArray logp = logits.toType(DataType.FLOAT32, false).logSoftmax(-1);          // (batch, seq, vocab)
        NDArray index = targets.toType(DataType.INT64, false).expandDims(-1);           // (batch, seq, 1)
        return logp.gather(index, -1).squeeze(-1);                                      // (batch, seq)
    }

    /**
     * Sum of the masked negative log-likelihood (a scalar, float32). Divide by the number of trained
     * tokens for the token mean; summing first lets gradient accumulation weight every token equally
     * across micro-batches.
     *
     * @param logits  (batch, seq, vocab)
     * @param targets (batch, seq) int64
     * @param mask    (batch, seq) float32, 1 = trained
     */
    public static NDArray maskedNllSum(NDArray logits, NDArray targets, NDArray mask) {
        NDArray logp = targetLogprobs(logits, targets);                                 // (batch, seq)
        return logp.mul(mask.toType(DataType.FLOAT32, false)).sum().neg();             // ()
    }

    /** Token-mean cross-entropy over the mask (scalar); 0 trained tokens is a caller error. */
    public static NDArray maskedMean(NDArray logits, NDArray targets, NDArray mask) {
        float count = mask.toType(DataType.FLOAT32, false).sum().getFloat();
        if (count <= 0) {
            throw new IllegalArgumentException("no supervised token in the batch");
        }
        return Ops.div(maskedNllSum(logits, targets, mask), count);
    }
}
