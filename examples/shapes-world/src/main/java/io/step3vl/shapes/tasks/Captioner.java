package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Scene;

/** One canonical caption per scene: every object with size, colour, shape and region, then the text. */
public final class Captioner {
    private Captioner() {}

    /** "A picture with 2 objects: a large red circle at the top left and a small blue star in the centre." */
    public static String caption(Scene scene) {
        StringBuilder sb = new StringBuilder();
        if (scene.objects().isEmpty()) {
            sb.append("A picture with no objects.");
        } else {
            sb.append("A picture with ").append(Phrases.objects(scene.objects().size())).append(": ")
                    .append(Phrases.list(Phrases.describeAll(scene))).append('.');
        }
        if (scene.text() != null) {
            sb.append(" The text says ").append(scene.text().text()).append('.');
        }
        return sb.toString();
    }

    /** The caption body without the leading article, for interleaved documents: "2 objects: …". */
    public static String contents(Scene scene) {
        StringBuilder sb = new StringBuilder();
        if (scene.objects().isEmpty()) {
            sb.append("no objects");
        } else {
            sb.append(Phrases.objects(scene.objects().size())).append(": ")
                    .append(Phrases.list(Phrases.describeAll(scene)));
        }
        if (scene.text() != null) {
            sb.append(", and the text ").append(scene.text().text());
        }
        return sb.toString();
    }
}
