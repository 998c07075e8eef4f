package io.step3vl.train.data;

import java.util.List;

/**
 * The position of a ratio mixture: each component's position, how many samples each has
 * contributed, and the random generator's state (random mode only).
 */
public record MixturePosition(List<StreamPosition> components, List<Long> drawn, long rngState)
        implements StreamPosition {
    public MixturePosition {
        components = List.copyOf(components);
        drawn = List.copyOf(drawn);
    }
}
