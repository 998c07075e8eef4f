package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.eval.score.ScorerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionScoringTest {
    private final PredictionScoring scoring = new PredictionScoring(false, Verifier.SELF_CONSISTENCY);

    static Prediction prediction(String mode, String type, String answer, Integer selected, String... replies) {
        List<Sample> samples = new ArrayList<>();
        for (String r : replies) {
            samples.add(new Sample(r, null, "stop", 10, 5, 0.1));
        }
        return new Prediction("k", "d", mode, "i", "cat", "", "q",
                new SavedReference(List.of(answer), type, type.equals("choice") ? Map.of("A", "a", "B", "b", "C", "c") : Map.of(),
                        0, 0, "norm1000"), "pf", "sf", false, 1, samples, null, selected, null, 50, 25, 1.0, "b");
    }

    @Test
    void majorityVotesOnExtractedAnswersAndTiesGoToTheEarliest() {
        ScoredItem s = scoring.score(prediction("majority:5", "choice", "B", null,
                "The answer is (A).", "\\boxed{B}", "B", "Answer: B", "(C)"), ScorerRegistry.create("choice"), 0, "t");
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(s.vote()).isEqualTo("3/5");
        assertThat(s.sampleScores()).containsExactly(0, 1, 1, 1, 0);

        ScoredItem tie = scoring.score(prediction("majority:4", "choice", "B", null, "A", "B", "B", "A"),
                ScorerRegistry.create("choice"), 0, "t");
        assertThat(tie.extracted()).isEqualTo("A");
        assertThat(tie.score()).isZero();
    }

    @Test
    void votesUseTheScorersNotionOfTheSameAnswer() {
        ScoredItem s = scoring.score(prediction("majority:3", "math", "1/2", null,
                "\\boxed{0.5}", "\\boxed{\\frac{1}{2}}", "\\boxed{2}"), ScorerRegistry.create("math"), 0, "t");
        assertThat(s.vote()).isEqualTo("2/3");
        assertThat(s.score()).isEqualTo(1.0);
    }

    @Test
    void unparsableSamplesDoNotVote() {
        ScoredItem s = scoring.score(prediction("majority:3", "choice", "B", null, "I cannot tell.", "no idea", "B"),
                ScorerRegistry.create("choice"), 0, "t");
        assertThat(s.vote()).isEqualTo("1/3");
        assertThat(s.score()).isEqualTo(1.0);
        ScoredItem none = scoring.score(prediction("majority:2", "choice", "B", null, "no idea", "none"),
                ScorerRegistry.create("choice"), 0, "t");
        assertThat(none.score()).isZero();
        assertThat(none.reason()).contains("no sample");
    }

    @Test
    void bestOfUsesTheJudgesChoiceOrTheVerifier() {
        Prediction judged = prediction("best-of:3", "choice", "B", 2, "B", "B", "A");
        assertThat(scoring.score(judged, ScorerRegistry.create("choice"), 0, "t").score()).isZero();
        Prediction plain = prediction("best-of:3", "choice", "B", null, "A", "C", "B");
        assertThat(scoring.score(plain, ScorerRegistry.create("choice"), 0, "t").score()).isZero(); // self-consistency: A first
        PredictionScoring oracle = new PredictionScoring(false, Verifier.ORACLE);
        assertThat(oracle.score(plain, ScorerRegistry.create("choice"), 0, "t").score()).isEqualTo(1.0);
    }

    @Test
    void reasoningIsReadOnlyWhenAsked() {
        Prediction p = prediction("sere", "choice", "B", null, "<think>It must be B.</think>I am not sure.");
        assertThat(scoring.score(p, ScorerRegistry.create("choice"), 0, "t").score()).isZero();
        PredictionScoring whole = new PredictionScoring(true, Verifier.SELF_CONSISTENCY);
        assertThat(whole.score(p, ScorerRegistry.create("choice"), 0, "t").score()).isEqualTo(1.0);
    }

    @Test
    void separatedReasoningAndFailedRequests() {
        Prediction split = new Prediction("k", "d", "sere", "i", "", "", "q",
                new SavedReference(List.of("B"), "choice", Map.of(), 0, 0, "norm1000"), "pf", "sf", true, 1,
                List.of(new Sample("B", "thinking about A", "stop", 1, 1, 0.1)), null, null, null, 1, 1, 0.1, "b");
        assertThat(scoring.score(split, ScorerRegistry.create("choice"), 0, "t").score()).isEqualTo(1.0);
        Prediction failed = new Prediction("k", "d", "pacore:2", "i", "", "", "q",
                new SavedReference(List.of("B"), "choice", Map.of(), 0, 0, "norm1000"), "pf", "sf", true, 1,
                List.of(new Sample("", null, "error", 0, 0, 0)), null, null, null, 0, 0, 0.1, "b");
        assertThat(scoring.score(failed, ScorerRegistry.create("choice"), 0, "t").reason()).contains("failed");
    }
}
