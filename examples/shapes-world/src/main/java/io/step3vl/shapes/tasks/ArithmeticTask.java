package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.ObjectSpec;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Arithmetic over counts: "How many circles and squares are there in total?" (a sum) and "How many
 * more circles than squares are there?" (a non-negative difference).
 */
final class ArithmeticTask implements TaskGenerator {
    private final SceneSampler sampler;
    private final int maxObjects;

    ArithmeticTask(SceneSampler sampler, int maxObjects) {
        this.sampler = sampler;
        this.maxObjects = maxObjects;
    }

    @Override
    public Task task() {
        return Task.ARITHMETIC;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        boolean sum = rng.nextBoolean();
        return Tasks.draw(() -> {
            List<Shape> shapes = new ArrayList<>(Arrays.asList(Shape.values()));
            Choices.shuffle(shapes, rng);
            Shape first = shapes.get(0);
            Shape second = shapes.get(1);
            int a;
            int b;
            if (sum) {
                a = 1 + rng.nextInt(maxObjects - 1);
                b = 1 + rng.nextInt(maxObjects - a);
            } else {
                a = 1 + rng.nextInt(maxObjects);
                b = rng.nextInt(Math.min(a, maxObjects - a) + 1);
            }
            List<ObjectSpec> specs = new ArrayList<>();
            for (int i = 0; i < a; i++) {
                specs.add(new ObjectSpec(first, SceneSampler.pick(rng, Colour.values())));
            }
            for (int i = 0; i < b; i++) {
                specs.add(new ObjectSpec(second, SceneSampler.pick(rng, Colour.values())));
            }
            int extra = rng.nextInt(maxObjects - a - b + 1);
            for (int i = 0; i < extra; i++) {
                specs.add(new ObjectSpec(shapes.get(2 + rng.nextInt(2)), SceneSampler.pick(rng, Colour.values())));
            }
            Choices.shuffle(specs, rng);
            Scene scene = sampler.sample(sceneId, rng, specs, null);
            if (scene == null) {
                return null;
            }
            String counted = "I count the " + first.plural() + ": " + a + ". I count the " + second.plural() + ": "
                    + b + ".";
            Map<String, Object> meta = Map.of("objects", scene.objects().size());
            if (sum) {
                return new Example(scene, new Question(Task.ARITHMETIC, "sum", "How many " + first.plural()
                        + " and " + second.plural() + " are there in total?", Integer.toString(a + b),
                        AnswerType.NUMBER, null, counted + " " + a + " + " + b + " = " + (a + b) + ".", meta));
            }
            return new Example(scene, new Question(Task.ARITHMETIC, "difference", "How many more " + first.plural()
                    + " than " + second.plural() + " are there?", Integer.toString(a - b), AnswerType.NUMBER, null,
                    counted + " " + a + " - " + b + " = " + (a - b) + ".", meta));
        });
    }
}
