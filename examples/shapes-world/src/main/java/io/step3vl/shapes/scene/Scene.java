package io.step3vl.shapes.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A scene graph: the image size, background, the objects in drawing order and an optional text mark.
 * {@code noiseSeed} and {@code noise} (the share of speckled pixels) fix the pixel noise, so the graph
 * alone determines the rendered image.
 */
public record Scene(String id, int width, int height, Background background, long noiseSeed, double noise,
                    List<SceneObject> objects, TextMark text) {
    public Scene {
        Objects.requireNonNull(id, "id");
        objects = List.copyOf(objects);
    }

    public int count(Predicate<SceneObject> which) {
        int n = 0;
        for (SceneObject o : objects) {
            if (which.test(o)) {
                n++;
            }
        }
        return n;
    }

    public int count(Shape shape) {
        return count(o -> o.shape() == shape);
    }

    public int count(Colour colour) {
        return count(o -> o.colour() == colour);
    }

    /** True when exactly one object has this colour and shape, so "the red circle" names it. */
    public boolean isUniquelyNamed(SceneObject object) {
        return count(o -> o.shape() == object.shape() && o.colour() == object.colour()) == 1;
    }

    /** Objects left to right (then top to bottom), the order captions and reasoning mention them. */
    public List<SceneObject> readingOrder() {
        List<SceneObject> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingDouble((SceneObject o) -> o.box().centreX())
                .thenComparingDouble(o -> o.box().centreY()));
        return sorted;
    }

    /** "top left", "centre", "bottom" …: which third of the image the box centre falls in. */
    public String regionOf(Box box) {
        double fx = box.centreX() / width;
        double fy = box.centreY() / height;
        String vertical = fy < 1.0 / 3 ? "top" : fy > 2.0 / 3 ? "bottom" : "";
        String horizontal = fx < 1.0 / 3 ? "left" : fx > 2.0 / 3 ? "right" : "";
        if (vertical.isEmpty() && horizontal.isEmpty()) {
            return "centre";
        }
        return (vertical + " " + horizontal).trim();
    }

    /** The scene graph as JSON-ready maps: pixel and 0–1000 boxes, centres, sizes, the text mark. */
    public Map<String, Object> toGraph() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("id", id);
        graph.put("width", width);
        graph.put("height", height);
        graph.put("background", background.word());
        List<Map<String, Object>> list = new ArrayList<>();
        for (SceneObject o : objects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", o.shape().word());
            m.put("colour", o.colour().word());
            m.put("size", o.size().word());
            m.put("bbox", o.box().pixels());
            m.put("bbox_norm", o.box().normalised(width, height));
            m.put("centre", List.of(o.box().centreX(), o.box().centreY()));
            m.put("centre_norm", o.box().normalisedCentre(width, height));
            list.add(m);
        }
        graph.put("objects", list);
        if (text != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", text.text());
            m.put("bbox", text.box().pixels());
            m.put("bbox_norm", text.box().normalised(width, height));
            graph.put("text", m);
        } else {
            graph.put("text", null);
        }
        return graph;
    }

    /**
     * What a question can depend on (objects and text, not noise or background): two scenes with
     * equal signatures ask the same questions with the same answers.
     */
    public String signature() {
        StringBuilder sb = new StringBuilder();
        for (SceneObject o : objects) {
            sb.append(o.shape().ordinal()).append(o.colour().ordinal()).append(o.size().ordinal())
                    .append(o.box().pixels()).append(';');
        }
        if (text != null) {
            sb.append('T').append(text.text()).append(text.box().pixels());
        }
        return sb.toString();
    }
}
