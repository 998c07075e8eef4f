package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerRegistryTest {

    @Test
    void buildsEveryNamedScorer() {
        for (String name : ScorerRegistry.NAMES) {
            Scorer s = ScorerRegistry.create(name.replace("@T", "@0.75"));
            assertThat(s.name()).isEqualTo(name.replace("@T", "@0.75"));
            assertThat(s.rules()).isNotBlank();
        }
    }

    @Test
    void autoPicksByAnswerType() {
        Scorer auto = ScorerRegistry.create("auto");
        assertThat(auto.resolve(Reference.of("B", AnswerType.CHOICE)).name()).isEqualTo("choice");
        assertThat(auto.resolve(Reference.of("1", AnswerType.NUMBER)).name()).isEqualTo("numeric");
        assertThat(auto.resolve(Reference.of("x", AnswerType.TEXT)).name()).isEqualTo("exact");
        assertThat(auto.resolve(Reference.of("x", AnswerType.MATH)).name()).isEqualTo("math");
        assertThat(auto.resolve(Reference.of("x", AnswerType.OCR)).name()).isEqualTo("anls");
        assertThat(auto.resolve(Reference.of("x", AnswerType.BOX)).name()).isEqualTo("iou@0.5");
        assertThat(auto.resolve(Reference.of("x", AnswerType.POINT)).name()).isEqualTo("point");
        assertThat(auto.score("\\boxed{1/2}", Reference.of("0.5", AnswerType.MATH)).value()).isEqualTo(1.0);
    }

    @Test
    void optionsReachTheScorer() {
        Scorer loose = ScorerRegistry.create("numeric", Map.of("rel_tol", 0.1));
        assertThat(loose.score("105", Reference.of("100", AnswerType.NUMBER)).value()).isEqualTo(1.0);
        assertThat(ScorerRegistry.create("numeric").score("105", Reference.of("100", AnswerType.NUMBER)).value()).isZero();
        Scorer strict = ScorerRegistry.create("auto", Map.of("require_boxed", "true"));
        assertThat(strict.score("The answer is 3", Reference.of("3", AnswerType.MATH)).value()).isZero();
    }

    @Test
    void badNamesAndOptionsAreUserErrors() {
        assertThatThrownBy(() -> ScorerRegistry.create("bleu")).isInstanceOf(UserError.class)
                .hasMessageContaining("expected one of auto|choice");
        assertThatThrownBy(() -> ScorerRegistry.create("choice", Map.of("rel_tol", 1))).isInstanceOf(UserError.class)
                .hasMessageContaining("unknown option 'rel_tol'");
        assertThatThrownBy(() -> ScorerRegistry.create("numeric", Map.of("rel_tol", "lots"))).isInstanceOf(UserError.class)
                .hasMessageContaining("rel_tol: expected a non-negative number");
        assertThatThrownBy(() -> ScorerRegistry.create("iou@1.5")).isInstanceOf(UserError.class)
                .hasMessageContaining("threshold in (0, 1]");
        assertThatThrownBy(() -> ScorerRegistry.create("iou", Map.of("answer_format", "inches")))
                .isInstanceOf(UserError.class).hasMessageContaining("norm1000|pixel|unit|auto");
    }

    @Test
    void scoresStayInRangeForHostileInput() {
        String[] replies = {"", "\\boxed{", "((((((", "[1e308, -1e308, NaN, 4]", "\u0000\uFFFF", "9".repeat(5000),
                "\\frac{1}{0}", "0/0", "[0,0,0,0]"};
        for (String name : new String[] {"choice", "numeric", "exact", "anls", "math", "iou", "point", "point-distance"}) {
            Scorer s = ScorerRegistry.create(name);
            for (AnswerType t : AnswerType.values()) {
                for (String reply : replies) {
                    Score score = s.score(reply, Reference.of("[1, 2, 3, 4]", t));
                    assertThat(score.value()).as(name + " " + reply).isBetween(0.0, 1.0);
                }
            }
        }
    }
}
