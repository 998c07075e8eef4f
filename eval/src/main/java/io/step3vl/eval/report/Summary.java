package io.step3vl.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The result of one dataset in one mode, with everything needed to interpret it: the metric, the
 * 95% bootstrap interval, how answers were extracted and compared, the prompt, the judge, and the
 * sampling settings. {@code accuracy} is the mean item score (a fraction in [0, 1]); for continuous
 * scorers {@code metric} says what is averaged (e.g. "mean iou").
 *
 * @param passAtK  majority/best-of: fraction of items with at least one correct sample
 * @param meanAtK  majority/best-of: mean score of single samples (what one sample would get)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Summary(String dataset, String mode, int n, int errors, String metric, double accuracy, double[] ci95,
                      String scorer, String extraction, String prompt, String judge, Map<String, Object> sampling,
                      List<Group> categories, List<Group> l2Categories, Tokens tokens, Latency latencyS, Integer k,
                      Double passAtK, Double meanAtK) {

    /** One category's share of the items. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(String name, int n, double accuracy, double[] ci95) {}

    /** Token usage over the items (every request of the mode counted). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tokens(long prompt, long completion, double completionPerItem) {}

    /** Wall time per item in seconds (all of the mode's requests), over items that did not fail. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Latency(double mean, double p50, double p90, double p99, double max) {}
}
