package io.step3vl.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The engine, device and precision a model runs with. {@link #of(DeviceChoice)} applies the policy:
 * FP32 on CPU, FP16 matmuls (FP32 norms, softmax and residuals) on GPU.
 */
public record ModelRuntime(Engine engine, Device device, Precision precision) {

    public static ModelRuntime of(DeviceChoice choice) {
        Engine engine = Engines.pytorch();
        Device device = choice.resolve(engine);
        return new ModelRuntime(engine, device, device.isGpu() ? Precision.FP16 : Precision.FP32);
    }

    /** CPU, FP32: tests and the golden checks. */
    public static ModelRuntime cpu() {
        return of(DeviceChoice.CPU);
    }

    /** A new root manager on this runtime's device; the caller closes it. */
    public NDManager newManager() {
        return engine.newBaseManager(device);
    }
}
