package io.step3vl.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits. Filters apply in the order HF and vLLM use:
 * repetition penalty, temperature, top-k, top-p, min-p; then one draw from the seeded generator.
 *
 * <p>The reported log-probability is that of the chosen token under the temperature-scaled,
 * penalised but <em>unfiltered</em> distribution (log-softmax of {@code logits / T}; of the raw
 * logits when greedy), which is what PPO's ratio needs when it recomputes log-probs on the same policy.
 */
public final class Sampler {
    private Sampler() {}

    /** The chosen token and its log-probability. */
    public record Choice(int token, float logprob) {}

    /**
     * @param logits   one row (vocab); not modified
     * @param seen     tokens already in the sequence (prompt + generated) for the repetition penalty;
     *                 may be null when the penalty is off
     * @param rng      the sequence's own generator (one per sequence keeps batches reproducible)
     */
    public static Choice sample(float[] logits, SamplerSettings s, boolean[] seen, SplittableRandom rng) {
        int vocab = logits.length;
        float[] work = logits.clone(); // (vocab)
        if (s.repetitionPenalty() != 1 && seen != null) {
            float p = (float) s.repetitionPenalty();
            for (int i = 0; i < vocab; i++) {
                if (seen[i]) {
                    work[i] = work[i] > 0 ? work[i] / p : work[i] * p;
                }
            }
        }
        if (s.greedy()) {
            int best = argmax(work);
            return new Choice(best, (float) (work[best] - logSumExp(work)));
        }
        float invT = (float) (1.0 / s.temperature());
        for (int i = 0; i < vocab; i++) {
            work[i] *= invT;
        }
        double lse = logSumExp(work);
        // Candidates sorted by logit, descending; top-k truncates the list first.
        Integer[] order = candidates(work, s.topK());
        int keep = order.length;
        double[] probs = new double[keep];
        for (int i = 0; i < keep; i++) {
            probs[i] = Math.exp(work[order[i]] - lse);
        }
        if (s.topP() < 1) {
            double mass = 0;
            double total = 0;
            for (double p : probs) {
                total += p;
            }
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                mass += probs[i] / total;
                if (mass >= s.topP()) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
        }
        if (s.minP() > 0) {
            double threshold = s.minP() * probs[0];
            int cut = 1;
            while (cut < keep && probs[cut] >= threshold) {
                cut++;
            }
            keep = cut;
        }
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += probs[i];
        }
        double u = rng.nextDouble() * total;
        int chosen = order[keep - 1];
        double acc = 0;
        for (int i = 0; i < keep; i++) {
            acc += probs[i];
            if (u < acc) {
                chosen = order[i];
                break;
            }
        }
        return new Choice(chosen, (float) (work[chosen] - lse));
    }

    private static Integer[] candidates(float[] work, int topK) {
        int vocab = work.length;
        Integer[] idx = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            idx[i] = i;
        }
        // stable: equal logits keep index order, so draws are reproducible across JVMs
        Arrays.sort(idx, (a, b) -> Float.compare(work[b], work[a]));
        if (topK > 0 && topK < vocab) {
            return Arrays.copyOf(idx, topK);
        }
        return idx;
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    static double logSumExp(float[] row) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
