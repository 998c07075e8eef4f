package io.step3vl.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, -1.0f, 2.0f};

    @Test
    void greedyTakesTheLowestIndexAmongTies() {
        Sampler.Choice c = Sampler.sample(LOGITS, SamplerSettings.GREEDY, null, new SplittableRandom(1));
        assertThat(c.token()).isZero();
        double lse = Math.log(Math.exp(2) * 2 + Math.exp(1) + Math.exp(0.5) + Math.exp(-1));
        assertThat((double) c.logprob()).isCloseTo(2 - lse, within(1e-6));
    }

    @Test
    void sameSeedSameDraws() {
        SamplerSettings s = new SamplerSettings(1.0, 0, 1.0, 0, 1);
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            assertThat(Sampler.sample(LOGITS, s, null, a).token()).isEqualTo(Sampler.sample(LOGITS, s, null, b).token());
        }
    }

    @Test
    void temperatureOneFollowsTheSoftmax() {
        SamplerSettings s = new SamplerSettings(1.0, 0, 1.0, 0, 1);
        Map<Integer, Integer> counts = new HashMap<>();
        SplittableRandom rng = new SplittableRandom(7);
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            counts.merge(Sampler.sample(LOGITS, s, null, rng).token(), 1, Integer::sum);
        }
        double z = Math.exp(2) * 2 + Math.exp(1) + Math.exp(0.5) + Math.exp(-1);
        assertThat(counts.get(1) / (double) n).isCloseTo(Math.exp(1) / z, within(0.01));
        assertThat(counts.get(3) / (double) n).isCloseTo(Math.exp(-1) / z, within(0.01));
    }

    @Test
    void topKKeepsOnlyTheKBest() {
        SamplerSettings s = new SamplerSettings(1.0, 2, 1.0, 0, 1);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            assertThat(Sampler.sample(LOGITS, s, null, rng).token()).isIn(0, 4);
        }
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // probs ~ [0.34, 0.12, 0.08, 0.02, 0.34] (sorted: 0,4,1,2,3): p = 0.7 keeps tokens 0 and 4 (0.69) plus 1
        SamplerSettings s = new SamplerSettings(1.0, 0, 0.7, 0, 1);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertThat(Sampler.sample(LOGITS, s, null, rng).token()).isIn(0, 4, 1);
        }
    }

    @Test
    void minPDropsTokensFarBelowTheBest() {
        SamplerSettings s = new SamplerSettings(1.0, 0, 1.0, 0.3, 1); // keeps p >= 0.3 * p_max: e^(-1) ≈ 0.37 ok for token 1
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 1000; i++) {
            assertThat(Sampler.sample(LOGITS, s, null, rng).token()).isIn(0, 4, 1);
        }
    }

    @Test
    void repetitionPenaltyDemotesSeenTokens() {
        boolean[] seen = new boolean[LOGITS.length];
        seen[0] = true;
        SamplerSettings s = new SamplerSettings(0, 0, 1, 0, 1.5);
        assertThat(Sampler.sample(LOGITS, s, seen, new SplittableRandom(1)).token()).isEqualTo(4);
        // negative logits are pushed further down, not up
        float[] neg = {-1f, -1.2f};
        boolean[] seenNeg = {true, false};
        assertThat(Sampler.sample(neg, s, seenNeg, new SplittableRandom(1)).token()).isEqualTo(1);
    }
}
