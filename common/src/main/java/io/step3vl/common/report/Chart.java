package io.step3vl.common.report;

/** Something that renders itself as an inline {@code <svg>} element. */
public interface Chart {
    String toSvg();
}
