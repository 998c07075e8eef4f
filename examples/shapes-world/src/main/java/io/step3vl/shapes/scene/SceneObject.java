package io.step3vl.shapes.scene;

/** One drawn object: what it is and where. */
public record SceneObject(Shape shape, Colour colour, SizeClass size, Box box) {
    /** "red circle". */
    public String name() {
        return colour.word() + " " + shape.word();
    }

    /** "large red circle". */
    public String longName() {
        return size.word() + " " + name();
    }
}
