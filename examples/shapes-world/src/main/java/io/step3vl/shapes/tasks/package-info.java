/**
 * The questions the shapes world asks about a scene (counting, colour, shape, spatial relations,
 * grounding, pointing, OCR, arithmetic over counts), their short canonical answers and reasoning
 * traces, plus captions and the text-only corpus. One template per question variant keeps the
 * language small enough for a tiny model to learn.
 */
package io.step3vl.shapes.tasks;
