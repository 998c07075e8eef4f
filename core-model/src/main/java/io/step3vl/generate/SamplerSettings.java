package io.step3vl.generate;

/**
 * Per-request sampling knobs, already validated by the caller. {@code temperature == 0} is greedy
 * (argmax, lowest index on ties); {@code topK == 0}, {@code topP == 1}, {@code minP == 0} and
 * {@code repetitionPenalty == 1} switch those filters off.
 */
public record SamplerSettings(double temperature, int topK, double topP, double minP, double repetitionPenalty) {
    public static final SamplerSettings GREEDY = new SamplerSettings(0, 0, 1, 0, 1);

    public boolean greedy() {
        return temperature == 0;
    }
}
