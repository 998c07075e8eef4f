package io.step3vl.train.data.read;

/**
 * How much a reader checks each image it meets, trading speed for catching bad records early:
 * {@code NONE} trusts the reference; {@code EXISTS} checks the file is there; {@code HEADER} (the
 * default) reads the format header (catches missing, empty, non-image and unsupported files, and
 * records the size); {@code DECODE} decodes every pixel (also catches truncated files).
 */
public enum ImageCheck { NONE, EXISTS, HEADER, DECODE }
