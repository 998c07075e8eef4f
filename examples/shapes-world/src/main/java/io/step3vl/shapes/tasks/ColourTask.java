package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.ObjectSpec;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** "What colour is the circle?" about one of 1–3 objects with different shapes. */
final class ColourTask implements TaskGenerator {
    private final SceneSampler sampler;

    ColourTask(SceneSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public Task task() {
        return Task.COLOUR;
    }

    @Override
    public boolean supportsChoice() {
        return true;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        return Tasks.draw(() -> {
            List<Shape> shapes = new ArrayList<>(Arrays.asList(Shape.values()));
            Choices.shuffle(shapes, rng);
            int n = 1 + rng.nextInt(3);
            List<ObjectSpec> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                specs.add(new ObjectSpec(shapes.get(i), SceneSampler.pick(rng, Colour.values())));
            }
            Scene scene = sampler.sample(sceneId, rng, specs, null);
            if (scene == null) {
                return null;
            }
            SceneObject target = SceneSampler.pick(rng, scene.objects());
            String colour = target.colour().word();
            String prompt = "What colour is the " + target.shape().word() + "?";
            String why = "The " + target.shape().word() + " is the only " + target.shape().word()
                    + " in the image, " + Phrases.where(scene, target) + ". It is filled with " + colour + ".";
            Map<String, Object> meta = Map.of("objects", scene.objects().size());
            if (choice) {
                Choices c = Choices.of(rng, colour, words());
                return new Example(scene, new Question(Task.COLOUR, "choice", c.render(prompt), c.correctLetter(),
                        AnswerType.CHOICE, c.options(), why + " " + Phrases.capitalise(colour) + " is option "
                        + c.correctLetter() + ".", meta));
            }
            return new Example(scene, new Question(Task.COLOUR, "open", prompt, colour, AnswerType.TEXT, null,
                    why + " So the colour is " + colour + ".", meta));
        });
    }

    private static List<String> words() {
        List<String> words = new ArrayList<>();
        for (Colour c : Colour.values()) {
            words.add(c.word());
        }
        return words;
    }
}
