package io.step3vl.shapes.tasks;

import java.util.Locale;

/** A question family; its {@link #category()} is the benchmark category name. */
public enum Task {
    COUNTING, COLOUR, SHAPE, SPATIAL, GROUNDING, POINTING, OCR, ARITHMETIC;

    public String category() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a category name ("colour"; "color" is accepted too). */
    public static Task parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("color")) {
            n = "colour";
        }
        for (Task t : values()) {
            if (t.category().equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'");
    }
}
