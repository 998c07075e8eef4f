package io.step3vl.shapes.scene;

/** Light, unsaturated backgrounds so every palette colour and the dark text stay visible. */
public enum Background {
    WHITE("white", 0xF5F5F5),
    GREY("grey", 0xDCDCDC),
    CREAM("cream", 0xF0EAD8),
    SKY("sky", 0xDCE6F0);

    private final String word;
    private final int rgb;

    Background(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    public String word() {
        return word;
    }

    public int rgb() {
        return rgb;
    }
}
