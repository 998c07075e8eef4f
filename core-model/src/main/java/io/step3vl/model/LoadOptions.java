package io.step3vl.model;

import io.step3vl.model.WeightLayout.Component;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to load weights.
 *
 * @param components        which parts to load (e.g. only VISION + PROJECTOR for {@code --only vision})
 * @param ignoreUnexpected  tolerate checkpoint tensors the model does not use (e.g. a rotary
 *                          {@code inv_freq} buffer some exporters save); by default they are an error
 */
public record LoadOptions(Set<Component> components, boolean ignoreUnexpected) {
    public LoadOptions {
        components = Set.copyOf(components);
    }

    public static LoadOptions all() {
        return new LoadOptions(EnumSet.allOf(Component.class), false);
    }

    public static LoadOptions visionOnly() {
        return new LoadOptions(EnumSet.of(Component.VISION, Component.PROJECTOR), false);
    }

    public LoadOptions ignoringUnexpected() {
        return new LoadOptions(components, true);
    }
}
