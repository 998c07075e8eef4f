package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Box;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.SceneSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * "Is the red circle to the left or to the right of the blue square?" / "… above or below …".
 * Asked only about pairs whose boxes do not overlap along the axis and whose centres are at least
 * {@link #MIN_GAP} of the image apart, so the answer is never a judgement call.
 */
final class SpatialTask implements TaskGenerator {
    static final double MIN_GAP = 0.15;

    private final SceneSampler sampler;

    SpatialTask(SceneSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public Task task() {
        return Task.SPATIAL;
    }

    private record Relation(SceneObject a, SceneObject b, boolean horizontal) {}

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        return Tasks.draw(() -> {
            Scene scene = sampler.sample(sceneId, rng, Tasks.distinctSpecs(rng, 2 + rng.nextInt(2)), null);
            if (scene == null) {
                return null;
            }
            List<Relation> clear = new ArrayList<>();
            for (SceneObject a : scene.objects()) {
                for (SceneObject b : scene.objects()) {
                    if (a == b) {
                        continue;
                    }
                    Box ba = a.box();
                    Box bb = b.box();
                    if (ba.horizontallySeparated(bb) && Math.abs(ba.centreX() - bb.centreX()) >= MIN_GAP * scene.width()) {
                        clear.add(new Relation(a, b, true));
                    }
                    if (ba.verticallySeparated(bb) && Math.abs(ba.centreY() - bb.centreY()) >= MIN_GAP * scene.height()) {
                        clear.add(new Relation(a, b, false));
                    }
                }
            }
            if (clear.isEmpty()) {
                return null;
            }
            return new Example(scene, ask(scene, SceneSampler.pick(rng, clear)));
        });
    }

    private static Question ask(Scene scene, Relation r) {
        List<Integer> ca = r.a().box().normalisedCentre(scene.width(), scene.height());
        List<Integer> cb = r.b().box().normalisedCentre(scene.width(), scene.height());
        String a = "the " + r.a().name();
        String b = "the " + r.b().name();
        Map<String, Object> meta = Map.of("objects", scene.objects().size());
        if (r.horizontal()) {
            boolean left = r.a().box().centreX() < r.b().box().centreX();
            String answer = left ? "left" : "right";
            String why = Phrases.capitalise(a) + " is centred at x = " + ca.get(0) + " and " + b + " at x = "
                    + cb.get(0) + " on a 0-1000 scale. " + ca.get(0) + " is " + (left ? "smaller" : "larger")
                    + " than " + cb.get(0) + ", so " + a + " is to the " + answer + " of " + b + ".";
            return new Question(Task.SPATIAL, "horizontal",
                    "Is " + a + " to the left or to the right of " + b + "?", answer, AnswerType.TEXT, null, why, meta);
        }
        boolean above = r.a().box().centreY() < r.b().box().centreY();
        String answer = above ? "above" : "below";
        String why = Phrases.capitalise(a) + " is centred at y = " + ca.get(1) + " and " + b + " at y = "
                + cb.get(1) + " on a 0-1000 scale, where y grows downwards. " + ca.get(1) + " is "
                + (above ? "smaller" : "larger") + " than " + cb.get(1) + ", so " + a + " is " + answer + " " + b + ".";
        return new Question(Task.SPATIAL, "vertical", "Is " + a + " above or below " + b + "?", answer,
                AnswerType.TEXT, null, why, meta);
    }
}
