package io.step3vl.eval.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verdict on one item in one mode: one line of scores.jsonl, the unit of every statistic and of
 * {@code eval compare}.
 *
 * @param score         in [0, 1]; an item whose generation failed scores 0 and carries {@code error}
 * @param scorer        the scorer that judged it (after {@code auto} dispatch)
 * @param binary        whether that scorer gives 0/1 scores
 * @param sampleScores  majority/best-of: each sample's own score (for pass@K and mean@K); null otherwise
 * @param vote          majority/best-of: e.g. "5/8" (votes for the chosen answer / samples)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScoredItem(String dataset, String mode, String id, int ordinal, String category, String l2Category,
                         double score, String extracted, String reason, String scorer, boolean binary,
                         double[] sampleScores, String vote, long promptTokens, long completionTokens,
                         double latencySeconds, String error) {

    public boolean correct() {
        return score >= 0.5;
    }

    public boolean failed() {
        return error != null;
    }
}
