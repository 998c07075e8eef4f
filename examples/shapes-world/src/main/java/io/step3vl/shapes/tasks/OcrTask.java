package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** "What does the text in the image say?" about a short word or a number, among 0–2 objects. */
final class OcrTask implements TaskGenerator {
    /** Short, common, capital-letter words (the pixel font has A–Z and 0–9). */
    static final List<String> WORDS = List.of("CAT", "DOG", "SUN", "BOX", "RED", "TOP", "MAP", "CUP", "HAT",
            "PEN", "BUS", "KEY", "FOX", "OWL", "BEE", "EGG", "JAM", "ZIP", "STOP", "EXIT", "OPEN", "BLUE", "TREE",
            "FISH", "STAR", "MOON", "BIRD", "LAMP", "GOLD", "RAIN");

    private final SceneSampler sampler;

    OcrTask(SceneSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public Task task() {
        return Task.OCR;
    }

    @Override
    public Example generate(String sceneId, SplittableRandom rng, boolean choice) {
        String text = rng.nextBoolean() ? SceneSampler.pick(rng, WORDS) : Integer.toString(rng.nextInt(100));
        return Tasks.draw(() -> {
            Scene scene = sampler.sample(sceneId, rng, SceneSampler.randomSpecs(rng, rng.nextInt(3)), text);
            if (scene == null) {
                return null;
            }
            boolean digits = Character.isDigit(text.charAt(0));
            List<String> chars = new ArrayList<>();
            for (char c : text.toCharArray()) {
                chars.add(String.valueOf(c));
            }
            String region = scene.regionOf(scene.text().box());
            String why = "There is dark text " + (region.equals("centre") ? "in the centre" : "at the " + region)
                    + " of the image. Reading it " + (digits ? "digit by digit" : "letter by letter") + ": "
                    + String.join(", ", chars) + ". It says " + text + ".";
            return new Example(scene, new Question(Task.OCR, digits ? "number" : "word",
                    "What does the text in the image say?", text, AnswerType.OCR, null, why,
                    Map.of("objects", scene.objects().size())));
        });
    }
}
