package io.step3vl.shapes.scene;

/** What to place: the sampler chooses size and position. */
public record ObjectSpec(Shape shape, Colour colour) {}
