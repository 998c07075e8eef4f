package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceScorerTest {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("A", "a red circle");
        OPTIONS.put("B", "two blue squares");
        OPTIONS.put("C", "three green triangles");
        OPTIONS.put("D", "none of the above");
    }

    private final ChoiceScorer scorer = new ChoiceScorer();
    private final Reference gold = Reference.choice("B", OPTIONS);

    private Score score(String reply) {
        return scorer.scoreReply(reply, false, gold);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            B                                                                   | B
            (B)                                                                 | B
            B.                                                                  | B
            b                                                                   | B
            **B**                                                               | B
            B. two blue squares                                                 | B
            (B) two blue squares                                                | B
            The answer is (B).                                                  | B
            The answer is B because the image shows two squares.               | B
            Answer: B                                                           | B
            Final answer: **(B)**                                               | B
            The correct option is B.                                            | B
            So the final answer is $\\boxed{B}$.                                 | B
            \\boxed{\\text{(B)}}                                                  | B
            two blue squares                                                    | B
            Two blue squares.                                                   | B
            I see two blue squares on the left.                                 | B
            Option B                                                            | B
            答案是B                                                              | B
            The answer is C.                                                    | C
            \\boxed{A}                                                           | A
            a red circle                                                        | A
            """)
    void extractsTheChosenLetter(String reply, String letter) {
        Score s = score(reply.replace("\\\\", "\\"));
        assertThat(s.extracted()).as(s.reason()).isEqualTo(letter);
        assertThat(s.value()).isEqualTo(letter.equals("B") ? 1.0 : 0.0);
    }

    @Test
    void readsOnlyTheAnswerAfterThinking() {
        String reply = "<think>Option A looks plausible, but counting again there are two squares. "
                + "Maybe C? No.</think>\n\nThe answer is B.";
        Score s = score(reply);
        assertThat(s.value()).isEqualTo(1.0);
        // The same words in the reasoning alone do not count.
        assertThat(scorer.scoreReply("<think>The answer is B.</think>I am not sure.", false, gold).value()).isZero();
    }

    @Test
    void aReplyCutOffWhileThinkingHasNoAnswer() {
        Score s = scorer.scoreReply("Let me count the shapes. The answer is B, wait", true, gold);
        assertThat(s.value()).isZero();
        assertThat(s.extracted()).isNull();
        assertThat(s.reason()).contains("inside its reasoning");
        assertThat(scorer.scoreReply("<think>hmm (B)", false, gold).value()).isZero();
    }

    @Test
    void lastCueWinsOverEarlierOnes() {
        assertThat(score("At first the answer is A. After checking again, the answer is B.").extracted()).isEqualTo("B");
        assertThat(score("\\boxed{A} ... actually \\boxed{B}").extracted()).isEqualTo("B");
    }

    @Test
    void refusalIsWrong() {
        Score s = score("I'm sorry, but I cannot determine the answer from this image.");
        assertThat(s.value()).isZero();
        assertThat(s.extracted()).isNull();
        assertThat(s.reason()).startsWith("refusal");
    }

    @Test
    void anOptionWhoseTextLooksLikeARefusalStillCounts() {
        Reference d = Reference.choice("D", OPTIONS);
        assertThat(scorer.score("None of the above.", d).value()).isEqualTo(1.0);
    }

    @Test
    void ambiguousAnswersAreWrong() {
        Score s = score("It could be B or C.");
        assertThat(s.value()).isZero();
        assertThat(s.reason()).contains("ambiguous");
        assertThat(score("(A)\nSome reasoning.\n(C)").reason()).contains("ambiguous");
    }

    @Test
    void articleAndPronounAreNotLetters() {
        // "A" and "I" used as words; the only letter is B.
        assertThat(score("I think a look at the figure shows B is right").extracted()).isEqualTo("B");
        assertThat(score("A square is blue and so B fits").extracted()).isEqualTo("B");
    }

    @Test
    void emptyAndUnrelatedAnswersAreWrongWithAReason() {
        assertThat(score("").reason()).isEqualTo("empty answer");
        Score s = score("The shapes are colourful.");
        assertThat(s.value()).isZero();
        assertThat(s.reason()).contains("no option");
    }

    @Test
    void lettersOutsideTheOptionsAreIgnored() {
        assertThat(score("E").extracted()).isNull();
    }

    @Test
    void referenceGivenAsOptionTextIsMappedToItsLetter() {
        Reference byText = Reference.choice("two blue squares", OPTIONS);
        assertThat(scorer.score("(B)", byText).value()).isEqualTo(1.0);
        assertThat(scorer.score("(C)", byText).value()).isZero();
    }

    @Test
    void unknownReferenceScoresZeroWithAReason() {
        Score s = scorer.score("B", Reference.choice("Z", OPTIONS));
        assertThat(s.value()).isZero();
        assertThat(s.reason()).contains("not an option");
    }

    @Test
    void withoutOptionsLettersAToJAreAccepted() {
        assertThat(scorer.score("The answer is (H).", Reference.choice("H", Map.of())).value()).isEqualTo(1.0);
    }

    @Test
    void nestedOptionTextsPreferTheLongest() {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("A", "red");
        opts.put("B", "dark red");
        assertThat(scorer.score("It is dark red, clearly.", Reference.choice("B", opts)).extracted()).isEqualTo("B");
    }
}
