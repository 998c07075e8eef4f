/**
 * Drawing scene graphs with Java2D (software rendering, so the same scene gives the same pixels on
 * every run) and encoding them as PNG.
 */
package io.step3vl.shapes.render;
