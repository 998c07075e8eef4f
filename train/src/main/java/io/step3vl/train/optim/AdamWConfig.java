package io.step3vl.train.optim;

/**
 * AdamW settings. Defaults follow StepFun's published framework (betas 0.9/0.95, eps 1e-8, weight
 * decay 0.01) with decoupled decay as the paper's "AdamW"; {@code decayAll} also decays norms, biases
 * and embeddings (off by default).
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay,
                          WeightDecayMode mode, boolean decayAll) {
    public AdamWConfig {
        if (beta1 < 0 || beta1 >= 1) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (eps <= 0) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    public static AdamWConfig defaults() {
        return new AdamWConfig(0.9, 0.95, 1e-8, 0.01, WeightDecayMode.DECOUPLED, false);
    }

    /**
     * Whether a parameter is decayed: matrices and convolution kernels are; 1-D tensors (norm
     * weights, biases, LayerScale gammas) and embeddings are not, unless {@code decayAll}.
     */
    public boolean decays(String name, int ndim) {
        if (decayAll) {
            return true;
        }
        return ndim >= 2 && !name.contains("embed_tokens") && !name.contains("positional_embedding");
    }
}
