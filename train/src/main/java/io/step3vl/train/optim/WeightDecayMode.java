package io.step3vl.train.optim;

/** How weight decay enters the update. */
public enum WeightDecayMode {
    /** AdamW: {@code p -= lr * wd * p}, separate from the adaptive step (the paper's optimiser). */
    DECOUPLED,
    /** Adam with L2: {@code g += wd * p} before the moments (StepFun's SteptronOss default). */
    L2
}
