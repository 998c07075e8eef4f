package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextScorersTest {
    private final ExactMatchScorer exact = new ExactMatchScorer();
    private final AnlsScorer anls = new AnlsScorer();

    @Test
    void exactMatchNormalisesCaseArticlesPunctuationAndNumberWords() {
        Reference r = Reference.of("Two", AnswerType.TEXT);
        assertThat(exact.score("2", r).value()).isEqualTo(1.0);
        assertThat(exact.score("two.", r).value()).isEqualTo(1.0);
        Reference cat = Reference.of("cat", AnswerType.TEXT);
        assertThat(exact.score("The cat.", cat).value()).isEqualTo(1.0);
        assertThat(exact.score("A cat", cat).value()).isEqualTo(1.0);
        assertThat(exact.score("cats", cat).value()).isZero();
        assertThat(exact.score("The answer is: Cat!", cat).value()).isEqualTo(1.0);
        assertThat(exact.scoreReply("<think>a dog?</think>**Cat**", false, cat).value()).isEqualTo(1.0);
    }

    @Test
    void exactMatchAcceptsAnyReference() {
        Reference r = new Reference(List.of("sofa", "couch"), AnswerType.TEXT, Map.of(), 0, 0, CoordinateFormat.NORM1000);
        assertThat(exact.score("Couch", r).value()).isEqualTo(1.0);
        assertThat(exact.score("chair", r).reason()).contains("sofa | couch");
    }

    @Test
    void exactMatchEmptyIsUnparsable() {
        Score s = exact.score("  ", Reference.of("x", AnswerType.TEXT));
        assertThat(s.value()).isZero();
        assertThat(s.extracted()).isNull();
    }

    @Test
    void anlsIsOneMinusNormalisedEditDistanceAboveThreshold() {
        Reference r = Reference.of("STEP3VL", AnswerType.OCR);
        assertThat(anls.score("step3vl", r).value()).isEqualTo(1.0);
        // one substitution in seven characters
        assertThat(anls.score("STEP3VI", r).value()).isCloseTo(1 - 1.0 / 7, within(1e-9));
        // too far: normalised distance >= 0.5 gives 0
        assertThat(anls.score("ABCDEFG", r).value()).isZero();
        assertThat(anls.binary()).isFalse();
    }

    @Test
    void anlsTakesTheBestReferenceAndReadsTheAnswerCue() {
        Reference r = new Reference(List.of("invoice 42", "inv. 42"), AnswerType.OCR, Map.of(), 0, 0, CoordinateFormat.NORM1000);
        Score s = anls.scoreReply("<think>reading the header</think>The answer is: Invoice 42", false, r);
        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.extracted()).isEqualTo("invoice 42");
    }

    @Test
    void anlsThresholdBoundaryIsExclusive() {
        // distance exactly half the length is cut to 0
        assertThat(AnlsScorer.similarity("ab", "xb", 0.5)).isZero();
        assertThat(AnlsScorer.similarity("abc", "xbc", 0.5)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(AnlsScorer.similarity("", "", 0.5)).isEqualTo(1.0);
    }

    @Test
    void answerTextCutsAtTheLastThinkEnd() {
        assertThat(AnswerText.of("<think>a</think>b</think> c ", false)).isEqualTo("c");
        assertThat(AnswerText.of("no thinking here", false)).isEqualTo("no thinking here");
        assertThat(AnswerText.of("still thinking", true)).isEmpty();
        assertThat(AnswerText.of("<think>still", false)).isEmpty();
        assertThat(AnswerText.of(null, false)).isEmpty();
    }

    @Test
    void boxedExtractionMatchesBraces() {
        assertThat(TextPatterns.lastBoxed("\\boxed{\\frac{1}{2}} and \\boxed{\\{1,2\\}}")).isEqualTo("\\{1,2\\}");
        assertThat(TextPatterns.lastBoxed("\\boxed 5$")).isEqualTo("5");
        assertThat(TextPatterns.lastBoxed("\\boxed{open")).isNull();
        assertThat(TextPatterns.lastBoxed("nothing")).isNull();
        assertThat(TextPatterns.lastBoxed("\\fbox{7}")).isEqualTo("7");
    }

    @Test
    void answerCueIgnoresWordsThatMerelyContainAnswer() {
        assertThat(TextPatterns.afterLastCue("I answered quickly: 5")).isNull();
        assertThat(TextPatterns.afterLastCue("Answer: 5\nExplanation follows")).isEqualTo("5");
        assertThat(TextPatterns.afterLastCue("The final answer is 7.")).isEqualTo("7.");
    }
}
