/**
 * The shapes world's scene graphs: what is in an image (shapes, colours, sizes, boxes, an optional
 * text mark) and the seeded sampler that places objects with controlled overlap. Pure data and
 * geometry; rendering lives in {@code io.step3vl.shapes.render}.
 */
package io.step3vl.shapes.scene;
