package io.step3vl.inference.pacore;

import io.step3vl.inference.Completion;
import java.util.List;

/**
 * Every round's completions in request order ({@code rounds.get(r).get(i)} is rollout i of round
 * r; a request that failed is an empty completion with finish reason {@code "error"}), and the final
 * synthesis, which is the last round's only completion.
 */
public record PaCoReResult(List<List<Completion>> rounds, Completion finalCompletion) {
    public PaCoReResult {
        rounds = rounds.stream().map(List::copyOf).toList();
    }

    /** Generated tokens over all rounds: the price of the answer. */
    public long totalCompletionTokens() {
        long sum = 0;
        for (List<Completion> round : rounds) {
            for (Completion c : round) {
                sum += c.completionTokens();
            }
        }
        return sum;
    }
}
