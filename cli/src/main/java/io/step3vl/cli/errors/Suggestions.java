package io.step3vl.cli.errors;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the known name closest to what was typed, when it is close enough. */
public final class Suggestions {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {}

    /**
     * The candidate with the smallest edit distance to {@code typed}, if that distance is at most a
     * third of the typed length (minimum 2), or a candidate that {@code typed} is a prefix of.
     * Ties go to the first candidate in iteration order.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = DISTANCE.apply(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, typed.length() / 3)) {
            return Optional.of(best);
        }
        String stem = typed.replaceFirst("^-+", "");
        if (stem.length() >= 2) {
            for (String candidate : candidates) {
                if (candidate.startsWith(typed)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
