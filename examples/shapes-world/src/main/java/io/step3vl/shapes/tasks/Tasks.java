package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.ObjectSpec;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The generator of every task, sharing one sampler. */
public final class Tasks {
    /** Draws per example before giving up (a placement failure is rare; this bounds a bug). */
    static final int MAX_DRAWS = 1000;

    private Tasks() {}

    public static Map<Task, TaskGenerator> generators(SceneSampler sampler, int maxObjects) {
        if (maxObjects < 2 || maxObjects > 9) {
            throw new IllegalArgumentException("max objects must be in [2, 9], got " + maxObjects);
        }
        Map<Task, TaskGenerator> map = new EnumMap<>(Task.class);
        map.put(Task.COUNTING, new CountingTask(sampler, maxObjects));
        map.put(Task.COLOUR, new ColourTask(sampler));
        map.put(Task.SHAPE, new ShapeTask(sampler));
        map.put(Task.SPATIAL, new SpatialTask(sampler));
        map.put(Task.GROUNDING, new LocateTask(sampler, Task.GROUNDING));
        map.put(Task.POINTING, new LocateTask(sampler, Task.POINTING));
        map.put(Task.OCR, new OcrTask(sampler));
        map.put(Task.ARITHMETIC, new ArithmeticTask(sampler, maxObjects));
        return map;
    }

    /** {@code n} objects, no two with the same colour and shape, so "the red circle" is unambiguous. */
    static List<ObjectSpec> distinctSpecs(SplittableRandom rng, int n) {
        List<ObjectSpec> all = new ArrayList<>();
        for (Shape s : Shape.values()) {
            for (Colour c : Colour.values()) {
                all.add(new ObjectSpec(s, c));
            }
        }
        Choices.shuffle(all, rng);
        return new ArrayList<>(all.subList(0, n));
    }

    /** Retries a draw that may fail (null) until it succeeds. */
    static <T> T draw(Supplier<T> attempt) {
        for (int i = 0; i < MAX_DRAWS; i++) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("could not draw a scene in " + MAX_DRAWS + " attempts");
    }
}
