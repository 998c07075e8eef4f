/**
 * Optimisation: AdamW (decoupled, or coupled L2 as StepFun's framework does), global grad-norm
 * clipping, learning-rate schedules (warm-up + constant/linear/cosine, the paper's two-phase
 * schedule) and parameter freezing. State lives in plain NDArrays keyed by parameter name so a
 * checkpoint can store it as safetensors and resume bit-exactly.
 */
package io.step3vl.train.optim;
