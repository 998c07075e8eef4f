package io.step3vl.eval.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of predictions.jsonl: everything generated for one item in one mode, with what is needed
 * to score it again later (the reference) and to know whether it is still valid (the key).
 *
 * @param key               the cache key: item id, prompt fingerprint, settings fingerprint and mode hashed
 * @param samples           sere: the reply; pacore: the final synthesis; majority/best-of: all K replies
 * @param rounds            pacore only: the rounds before the final synthesis; null otherwise
 * @param selected          best-of with a judge: the index the judge chose; null otherwise
 * @param judge             best-of with a judge: which judge chose; null otherwise
 * @param thinking          the prompt ended inside a think block (how to find the answer in the text)
 * @param latencySeconds    wall time for the whole item (all requests of the mode)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Prediction(String key, String dataset, String mode, String id, String category, String l2Category,
                         String question, SavedReference reference, String promptFingerprint, String settings,
                         boolean thinking, long seed, List<Sample> samples, List<List<Sample>> rounds, Integer selected,
                         String judge, long promptTokens, long completionTokens, double latencySeconds,
                         String backend) {
    public Prediction {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
