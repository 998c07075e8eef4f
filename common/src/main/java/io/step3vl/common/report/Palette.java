package io.step3vl.common.report;

/** Series colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies. */
final class Palette {
    private static final String[] COLORS = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    };

    private Palette() {}

    static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
