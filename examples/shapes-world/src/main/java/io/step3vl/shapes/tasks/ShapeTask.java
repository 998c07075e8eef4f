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

/** "What shape is the red object?" about one of 1–3 objects with different colours. */
final class ShapeTask implements TaskGenerator {
    private final SceneSampler sampler;

    ShapeTask(SceneSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public Task task() {
        return Task.SHAPE;
    }

    @Override
    public boolean supportsChoice() {
        return true;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        return Tasks.draw(() -> {
            List<Colour> colours = new ArrayList<>(Arrays.asList(Colour.values()));
            Choices.shuffle(colours, rng);
            int n = 1 + rng.nextInt(3);
            List<ObjectSpec> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                specs.add(new ObjectSpec(SceneSampler.pick(rng, Shape.values()), colours.get(i)));
            }
            Scene scene = sampler.sample(sceneId, rng, specs, null);
            if (scene == null) {
                return null;
            }
            SceneObject target = SceneSampler.pick(rng, scene.objects());
            String shape = target.shape().word();
            String colour = target.colour().word();
            String prompt = "What shape is the " + colour + " object?";
            String why = "The " + colour + " object is the only " + colour + " object in the image, "
                    + Phrases.where(scene, target) + ". It " + target.shape().description() + ".";
            Map<String, Object> meta = Map.of("objects", scene.objects().size());
            if (choice) {
                List<String> pool = new ArrayList<>();
                for (Shape s : Shape.values()) {
                    pool.add(s.word());
                }
                Choices c = Choices.of(rng, shape, pool);
                return new Example(scene, new Question(Task.SHAPE, "choice", c.render(prompt), c.correctLetter(),
                        AnswerType.CHOICE, c.options(), why + " So it is a " + shape + ", option "
                        + c.correctLetter() + ".", meta));
            }
            return new Example(scene, new Question(Task.SHAPE, "open", prompt, shape, AnswerType.TEXT, null,
                    why + " So it is a " + shape + ".", meta));
        });
    }
}
