package io.step3vl.shapes.scene;

import java.util.Locale;

/** The named palette: saturated, far apart, so a tiny model can tell them apart at 224 px. */
public enum Colour {
    RED("red", 0xDC2828),
    GREEN("green", 0x28AA3C),
    BLUE("blue", 0x2850DC),
    YELLOW("yellow", 0xEBC81E),
    PURPLE("purple", 0x8C3CB4),
    ORANGE("orange", 0xF58214);

    private final String word;
    private final int rgb;

    Colour(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    /** The canonical answer word: "red". */
    public String word() {
        return word;
    }

    /** 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    public static Colour parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
