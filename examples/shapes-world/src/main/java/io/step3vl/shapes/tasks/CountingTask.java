package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.ObjectSpec;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * "How many objects / circles / red objects are there?" The answer is drawn first, uniformly over
 * 0..max, and the scene built to match, so every count is equally common.
 */
final class CountingTask implements TaskGenerator {
    private final SceneSampler sampler;
    private final int maxObjects;

    CountingTask(SceneSampler sampler, int maxObjects) {
        this.sampler = sampler;
        this.maxObjects = maxObjects;
    }

    @Override
    public Task task() {
        return Task.COUNTING;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        int variant = rng.nextInt(3);
        int target = rng.nextInt(maxObjects + 1);
        Shape shape = SceneSampler.pick(rng, Shape.values());
        Colour colour = SceneSampler.pick(rng, Colour.values());
        return Tasks.draw(() -> {
            List<ObjectSpec> specs = new ArrayList<>();
            switch (variant) {
                case 0 -> specs.addAll(SceneSampler.randomSpecs(rng, target));
                case 1 -> {
                    for (int i = 0; i < target; i++) {
                        specs.add(new ObjectSpec(shape, SceneSampler.pick(rng, Colour.values())));
                    }
                    int extra = rng.nextInt(maxObjects - target + 1);
                    for (int i = 0; i < extra; i++) {
                        specs.add(new ObjectSpec(otherShape(rng, shape), SceneSampler.pick(rng, Colour.values())));
                    }
                }
                default -> {
                    for (int i = 0; i < target; i++) {
                        specs.add(new ObjectSpec(SceneSampler.pick(rng, Shape.values()), colour));
                    }
                    int extra = rng.nextInt(maxObjects - target + 1);
                    for (int i = 0; i < extra; i++) {
                        specs.add(new ObjectSpec(SceneSampler.pick(rng, Shape.values()), otherColour(rng, colour)));
                    }
                }
            }
            Choices.shuffle(specs, rng);
            Scene scene = sampler.sample(sceneId, rng, specs, null);
            if (scene == null) {
                return null;
            }
            return switch (variant) {
                case 0 -> new Example(scene, ask(scene, "total", "How many objects are there?", o -> true, "object"));
                case 1 -> new Example(scene, ask(scene, "shape", "How many " + shape.plural() + " are there?",
                        o -> o.shape() == shape, shape.word()));
                default -> new Example(scene, ask(scene, "colour", "How many " + colour.word() + " objects are there?",
                        o -> o.colour() == colour, colour.word() + " object"));
            };
        });
    }

    private static Question ask(Scene scene, String variant, String prompt, Predicate<SceneObject> which, String noun) {
        int count = scene.count(which);
        StringBuilder why = new StringBuilder();
        if (scene.objects().isEmpty()) {
            why.append("I look at the whole image. There are no objects in it.");
        } else {
            why.append("I list the objects from left to right: ").append(Phrases.list(Phrases.describeAll(scene)))
                    .append('.');
            if (!variant.equals("total")) {
                List<String> matching = new ArrayList<>();
                for (SceneObject o : scene.readingOrder()) {
                    if (which.test(o)) {
                        matching.add("the " + o.name() + " " + Phrases.where(scene, o));
                    }
                }
                if (matching.isEmpty()) {
                    why.append(" None of them is a ").append(noun).append('.');
                } else {
                    why.append(" The ").append(noun).append(count == 1 ? " is " : "s are ")
                            .append(Phrases.list(matching)).append('.');
                }
            }
        }
        why.append(" That makes ").append(count).append('.');
        return new Question(Task.COUNTING, variant, prompt, Integer.toString(count), AnswerType.NUMBER, null,
                why.toString(), Map.of("objects", scene.objects().size()));
    }

    static Shape otherShape(SplittableRandom rng, Shape not) {
        Shape s;
        do {
            s = SceneSampler.pick(rng, Shape.values());
        } while (s == not);
        return s;
    }

    static Colour otherColour(SplittableRandom rng, Colour not) {
        Colour c;
        do {
            c = SceneSampler.pick(rng, Colour.values());
        } while (c == not);
        return c;
    }
}
