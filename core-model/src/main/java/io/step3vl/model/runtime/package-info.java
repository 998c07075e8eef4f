/**
 * Where and in which precision the model runs: the PyTorch engine set up so it never phones home
 * ({@link io.step3vl.model.runtime.Engines}), {@code --device cpu|gpu|auto}
 * ({@link io.step3vl.model.runtime.DeviceChoice}) and the compute precision per device
 * ({@link io.step3vl.model.runtime.Precision}: FP32 on CPU; FP16 weights with FP32 norms, softmax and
 * residual sums on GPU).
 */
package io.step3vl.model.runtime;
