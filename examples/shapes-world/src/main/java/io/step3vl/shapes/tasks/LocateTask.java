package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.SceneSampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Grounding ("What is the bounding box of the red circle?" → {@code [x1, y1, x2, y2]}) and pointing
 * ("Point to the red circle." → {@code [x, y]}), both on the 0–1000 scale of the image.
 */
final class LocateTask implements TaskGenerator {
    private final SceneSampler sampler;
    private final Task task;

    LocateTask(SceneSampler sampler, Task task) {
        if (task != Task.GROUNDING && task != Task.POINTING) {
            throw new IllegalArgumentException("not a locate task: " + task);
        }
        this.sampler = sampler;
        this.task = task;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        return Tasks.draw(() -> {
            Scene scene = sampler.sample(sceneId, rng, Tasks.distinctSpecs(rng, 1 + rng.nextInt(3)), null);
            if (scene == null) {
                return null;
            }
            SceneObject target = SceneSampler.pick(rng, scene.objects());
            List<Integer> box = target.box().normalised(scene.width(), scene.height());
            List<Integer> centre = target.box().normalisedCentre(scene.width(), scene.height());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("image_size", List.of(scene.width(), scene.height()));
            meta.put("bbox", box);
            meta.put("bbox_pixels", target.box().pixels());
            meta.put("objects", scene.objects().size());
            String name = "the " + target.name();
            String seen = Phrases.capitalise(name) + " is " + Phrases.where(scene, target) + ".";
            if (task == Task.GROUNDING) {
                String why = seen + " Its left edge is at x = " + box.get(0) + ", its top edge at y = " + box.get(1)
                        + ", its right edge at x = " + box.get(2) + " and its bottom edge at y = " + box.get(3)
                        + " on a 0-1000 scale.";
                return new Example(scene, new Question(task, "box", "What is the bounding box of " + name + "?",
                        Phrases.bracket(box), AnswerType.BOX, null, why, meta));
            }
            meta.put("point", centre);
            String why = seen + " Its centre is at x = " + centre.get(0) + ", y = " + centre.get(1)
                    + " on a 0-1000 scale.";
            return new Example(scene, new Question(task, "point", "Point to " + name + ".",
                    Phrases.bracket(centre), AnswerType.POINT, null, why, meta));
        });
    }
}
