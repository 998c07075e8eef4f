/**
 * The {@code step3vl data} plugin: data tools. {@code data shapes} generates the shapes world (the
 * built-in synthetic dataset) through {@link io.step3vl.shapes.ShapesGenerator}; {@code data check}
 * reads data files with the training readers ({@link io.step3vl.train.data.source.DataCheck}). This
 * package only parses flags.
 */
package io.step3vl.plugins.data;
