package io.step3vl.shapes.scene;

import java.util.Locale;

/** The four shapes of the world, with the words used for them in questions and answers. */
public enum Shape {
    CIRCLE("circle", "circles", "is round and has no corners"),
    SQUARE("square", "squares", "has four equal sides and four corners"),
    TRIANGLE("triangle", "triangles", "has three sides and three corners"),
    STAR("star", "stars", "has five points");

    private final String word;
    private final String plural;
    private final String description;

    Shape(String word, String plural, String description) {
        this.word = word;
        this.plural = plural;
        this.description = description;
    }

    /** The canonical answer word: "circle". */
    public String word() {
        return word;
    }

    public String plural() {
        return plural;
    }

    /** Count-aware noun: "1 circle", "3 circles". */
    public String noun(int count) {
        return count == 1 ? word : plural;
    }

    /** A visual description used in reasoning traces and the text corpus. */
    public String description() {
        return description;
    }

    public static Shape parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
