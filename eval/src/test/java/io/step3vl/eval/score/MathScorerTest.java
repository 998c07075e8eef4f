package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathScorerTest {
    private final MathScorer scorer = new MathScorer();

    private double score(String reply, String gold) {
        return scorer.scoreReply(reply, false, Reference.of(gold, AnswerType.MATH)).value();
    }

    @ParameterizedTest(name = "[{index}] {0} == {1}")
    @CsvSource(delimiter = '|', textBlock = """
            \\frac{1}{2}              | 0.5
            \\dfrac{1}{2}             | \\frac12
            \\tfrac{3}{4}             | 3/4
            2/4                       | 0.5
            .5                        | \\frac{1}{2}
            \\frac{\\sqrt{3}}{2}        | \\frac{\\sqrt3}{2}
            2\\sqrt{3}                 | \\sqrt{12}
            x = 5                     | 5
            5^{\\circ}                 | 5
            10\\%                      | 10
            \\$12.50                   | 12.5
            1,000                     | 1000
            3\\text{ cm}               | 3
            \\left(1, 2\\right)         | (1,2)
            (1,2)                     | (1.0, 2.0)
            [0, 1)                    | [0,1)
            2x+1                      | 1+2x
            x^2+2x+1                  | (x+1)^2
            \\pi/2                     | \\frac{\\pi}{2}
            2^{10}                    | 1024
            \\sqrt[3]{27}              | 3
            \\text{(C)}                | C
            y=2x+1                    | y=1+2x
            5!                        | 120
            \\infty                    | \\infty
            """)
    void equivalentForms(String answer, String gold) {
        assertThat(scorer.equivalent(MathNormalizer.normalize(answer), MathNormalizer.normalize(gold)))
                .as(MathNormalizer.normalize(answer) + " vs " + MathNormalizer.normalize(gold)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            \\frac{1}{3}              | 0.33
            2x+1                      | 2x-1
            x^2                       | y^2
            (1,2)                     | (2,1)
            [0,1)                     | (0,1)
            (1,2)                     | (1,2,3)
            \\sqrt{2}                  | 1.41
            -5                        | 5
            \\infty                    | -\\infty
            abc                       | abd
            """)
    void differentAnswers(String answer, String gold) {
        assertThat(scorer.equivalent(MathNormalizer.normalize(answer), MathNormalizer.normalize(gold))).isFalse();
    }

    @Test
    void usesTheLastBoxedAnswerWithMatchedBraces() {
        String reply = "<think>Try \\boxed{3} first... no.</think>We get $x = \\frac{1}{2}$ at first, but "
                + "after simplifying, the answer is $\\boxed{\\frac{\\sqrt{2}}{2}}$.";
        Score s = scorer.scoreReply(reply, false, Reference.of("\\frac{1}{\\sqrt{2}}", AnswerType.MATH));
        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.extracted()).isEqualTo("\\frac{\\sqrt{2}}{2}");
    }

    @Test
    void boxedOnlyWhenRequired() {
        MathScorer strict = new MathScorer(true, 1e-6);
        Reference r = Reference.of("42", AnswerType.MATH);
        assertThat(strict.score("The answer is 42.", r).value()).isZero();
        assertThat(strict.score("The answer is 42.", r).reason()).contains("\\boxed");
        assertThat(strict.score("So \\boxed{42}", r).value()).isEqualTo(1.0);
        assertThat(scorer.score("The answer is 42.", r).value()).isEqualTo(1.0);
    }

    @Test
    void fallsBackToTheLastNumberOfALongAnswer() {
        String reply = "First we compute 3 + 4 = 7, then multiply by 6 to get the area of the shape,\n"
                + "which gives 42 square units in total for the region described.";
        assertThat(score(reply, "42")).isEqualTo(1.0);
    }

    @Test
    void referenceMayItselfBeBoxed() {
        assertThat(score("\\boxed{7}", "\\boxed{7}")).isEqualTo(1.0);
    }

    @Test
    void unterminatedBoxIsUnparsable() {
        Score s = new MathScorer(true, 1e-6).score("\\boxed{\\frac{1}{2}", Reference.of("1/2", AnswerType.MATH));
        assertThat(s.value()).isZero();
        assertThat(s.extracted()).isNull();
    }

    @Test
    void anyAcceptedAnswerSuffices() {
        Reference r = new Reference(java.util.List.of("2", "-2"), AnswerType.MATH, java.util.Map.of(), 0, 0,
                CoordinateFormat.NORM1000);
        assertThat(scorer.score("\\boxed{-2}", r).value()).isEqualTo(1.0);
        assertThat(scorer.score("\\boxed{3}", r).value()).isZero();
    }

    @Test
    void expressionEvaluation() {
        assertThat(MathExpression.value("2+3*4")).isEqualTo(14.0);
        assertThat(MathExpression.value("(2+3)*4")).isEqualTo(20.0);
        assertThat(MathExpression.value("2^3^2")).isEqualTo(512.0);
        assertThat(MathExpression.value("-2^2")).isEqualTo(-4.0);
        assertThat(MathExpression.value("\\frac{6}{4}")).isEqualTo(1.5);
        assertThat(MathExpression.value("3\\cdot4")).isEqualTo(12.0);
        assertThat(MathExpression.value("8\\div2")).isEqualTo(4.0);
        assertThat(MathExpression.value("2(3+1)")).isEqualTo(8.0);
        assertThat(MathExpression.value("x+1")).isNaN();
        assertThat(MathExpression.parse("2+")).isNull();
        assertThat(MathExpression.parse("(2")).isNull();
    }
}
