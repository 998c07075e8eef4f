package io.step3vl.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.step3vl.common.UserError;
import java.util.Locale;

/** {@code --device cpu|gpu|auto}: auto picks the first CUDA GPU DJL sees, else the CPU. */
public enum DeviceChoice {
    CPU, GPU, AUTO;

    /** Parses a flag value; a {@link UserError} naming the choices otherwise. */
    public static DeviceChoice parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--device: expected cpu, gpu or auto, got \"" + value + "\"");
        }
    }

    /** The device this choice means on this machine. */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new UserError("--device gpu: DJL sees no CUDA GPU (is the CUDA build of PyTorch "
                            + "on the class path? see README, \"GPU\"); use --device cpu or auto");
                }
                yield Device.gpu(0);
            }
        };
    }
}
