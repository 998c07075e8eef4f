package io.step3vl.plugin;

import io.step3vl.common.UserError;
import java.util.Locale;

/**
 * The value of {@code --device}: which accelerator a stage should run on. {@link #AUTO} means "a GPU
 * when one is usable, else the CPU"; the runtime (core-model) resolves it, because only it can ask
 * the engine what is present.
 */
public enum DeviceChoice {
    CPU, GPU, AUTO;

    /** Parses {@code cpu|gpu|auto} (any case). */
    public static DeviceChoice parse(String text) {
        for (DeviceChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return choice;
            }
        }
        throw new UserError("--device: expected cpu, gpu or auto, got '" + text + "'");
    }

    /** The spelling used on the command line and in config files. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
