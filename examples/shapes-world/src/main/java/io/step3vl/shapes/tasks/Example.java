package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Scene;

/** A scene and the question asked about it. */
public record Example(Scene scene, Question question) {}
