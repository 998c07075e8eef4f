package io.step3vl.shapes.tasks;

import java.util.SplittableRandom;

/** Makes a scene suited to one task and asks that task's question about it. */
public interface TaskGenerator {
    Task task();

    /**
     * A fresh example drawn from {@code rng}.
     *
     * @param choice ask as multiple choice (A–D) when {@link #supportsChoice()}; ignored otherwise
     */
    Example generate(String sceneId, SplittableRandom rng, boolean choice);

    default boolean supportsChoice() {
        return false;
    }
}
