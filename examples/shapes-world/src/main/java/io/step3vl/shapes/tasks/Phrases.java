package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Shared wording, so captions, questions and reasoning describe things the same way. */
public final class Phrases {
    private Phrases() {}

    /** "a", "a and b", "a, b and c". */
    public static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "in the centre", "at the top left", "on the left". */
    public static String where(Scene scene, SceneObject object) {
        String region = scene.regionOf(object.box());
        return switch (region) {
            case "centre" -> "in the centre";
            case "left", "right" -> "on the " + region;
            default -> "at the " + region;
        };
    }

    /** "a large red circle at the top left, a small blue square in the centre". */
    public static List<String> describeAll(Scene scene) {
        List<String> out = new ArrayList<>();
        for (SceneObject o : scene.readingOrder()) {
            out.add("a " + o.longName() + " " + where(scene, o));
        }
        return out;
    }

    /** "1 object", "3 objects". */
    public static String objects(int n) {
        return n + (n == 1 ? " object" : " objects");
    }

    public static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** "[120, 340, 260, 480]": the toolkit's box and point format. */
    public static String bracket(List<Integer> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i));
        }
        return sb.append(']').toString();
    }
}
