package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericScorerTest {
    private final NumericScorer exact = new NumericScorer();

    private double score(NumericScorer s, String reply, String gold) {
        return s.scoreReply(reply, false, Reference.of(gold, AnswerType.NUMBER)).value();
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            There are 7 triangles in the image.                         | 7      | 1
            There are 7 triangles in the image.                         | 8      | 0
            I count 3 red and 4 blue shapes, so 7 in total.            | 7      | 1
            The answer is 12, since 3 rows of 4 make 12.                | 12     | 1
            The answer is 12 apples (I also saw 5 pears).               | 12     | 1
            $\\boxed{\\frac{3}{4}}$                                       | 0.75   | 1
            \\boxed{0.75}                                                 | 3/4    | 1
            The total is 1,234.5 dollars.                               | 1234.5 | 1
            Revenue: $1,200                                             | 1200   | 1
            It is -3 degrees.                                           | -3     | 1
            It is -3 degrees.                                           | 3      | 0
            Roughly 45%                                                 | 45%    | 1
            The rod is 50 mm long.                                      | 5 cm   | 1
            The rod is 5 m long.                                        | 5 cm   | 0
            The rod is 5 kg.                                            | 5 cm   | 0
            It takes 2 hours.                                           | 120 min | 1
            2.5e3                                                       | 2500   | 1
            Final answer: 0.3333                                        | 1/3    | 0
            no numbers here                                             | 4      | 0
            """)
    void comparesNumbersWithUnits(String reply, String gold, int expected) {
        assertThat(score(exact, reply, gold)).isEqualTo(expected);
    }

    @Test
    void toleranceIsRelativeToTheReferenceWithAnAbsoluteFloor() {
        NumericScorer fivePercent = new NumericScorer(0.05, 0);
        assertThat(score(fivePercent, "about 104", "100")).isEqualTo(1.0);
        assertThat(score(fivePercent, "about 106", "100")).isZero();
        assertThat(score(fivePercent, "about 94", "100")).isZero();
        NumericScorer absolute = new NumericScorer(0, 0.5);
        assertThat(score(absolute, "0.4", "0")).isEqualTo(1.0);
        assertThat(score(absolute, "-0.6", "0")).isZero();
        assertThat(score(exact, "0.3333", "1/3")).isZero();
        assertThat(score(new NumericScorer(1e-3, 0), "0.3333", "1/3")).isEqualTo(1.0);
    }

    @Test
    void readsTheAnswerAfterThinkingOnly() {
        String reply = "<think>Maybe 5? Recount: 6.</think>There are 6 circles.";
        assertThat(score(exact, reply, "6")).isEqualTo(1.0);
        assertThat(score(exact, "<think>There are 6.</think>", "6")).isZero();
    }

    @Test
    void nonNumericReferenceScoresZeroWithAReason() {
        Score s = exact.score("7", Reference.of("seven-ish", AnswerType.NUMBER));
        assertThat(s.value()).isZero();
        assertThat(s.reason()).contains("not a number");
    }

    @Test
    void votesAgreeWithinTolerance() {
        Reference r = Reference.of("5", AnswerType.NUMBER);
        assertThat(exact.sameAnswer(exact.extract("5.0", r), exact.extract("The answer is 5", r), r)).isTrue();
        assertThat(exact.sameAnswer("5", "6", r)).isFalse();
    }

    @Test
    void negativeTolerancesAreRejected() {
        assertThatThrownBy(() -> new NumericScorer(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
