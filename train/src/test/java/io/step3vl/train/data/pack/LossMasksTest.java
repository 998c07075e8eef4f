package io.step3vl.train.data.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.train.data.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The rules on a ChatML-like rendering: {@code <|im_start|>role\n content <|im_end|> \n}, with
 * tokens as small ints: 1 = im_start, 2 = im_end, 3 = newline, 10/11/12 = system/user/assistant,
 * 50 = image placeholder, 60/61 = think/end-think, 100+ = content.
 */
class LossMasksTest {
    private static final int IM_START = 1;
    private static final int IM_END = 2;
    private static final int NL = 3;
    private static final int IMAGE = 50;
    private static final IntPredicate IS_IMAGE = t -> t == IMAGE;

    /** Renders turns, remembering spans; returns the rendered conversation. */
    private static final class Renderer {
        final List<Integer> tokens = new ArrayList<>();
        final List<TurnSpan> spans = new ArrayList<>();

        Renderer turn(Role role, int... content) {
            int start = tokens.size();
            tokens.add(IM_START);
            tokens.add(10 + role.ordinal());
            tokens.add(NL);
            int contentStart = tokens.size();
            for (int c : content) {
                tokens.add(c);
            }
            tokens.add(IM_END);
            spans.add(new TurnSpan(role, start, contentStart, tokens.size()));
            tokens.add(NL);
            return this;
        }

        RenderedConversation done() {
            return new RenderedConversation(tokens.stream().mapToInt(Integer::intValue).toArray(), spans);
        }
    }

    private static List<Integer> trainedTokens(RenderedConversation r, boolean[] mask) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out.add(r.tokens()[i]);
            }
        }
        return out;
    }

    @Test
    void sftTrainsTheLastAnswerWithReasoningAndEndOfTurnButNotTheHeader() {
        RenderedConversation r = new Renderer()
                .turn(Role.SYSTEM, 100)
                .turn(Role.USER, IMAGE, 101)
                .turn(Role.ASSISTANT, 60, 102, 61, 103)
                .done();
        boolean[] mask = LossMasks.sft(r, IS_IMAGE, AssistantScope.AFTER_LAST_USER);
        assertThat(trainedTokens(r, mask)).containsExactly(60, 102, 61, 103, IM_END);
        TurnSpan assistant = r.turns().get(2);
        for (int i = assistant.start(); i < assistant.contentStart(); i++) {
            assertThat(mask[i]).as("header token %d", i).isFalse();
        }
        assertThat(mask[assistant.end() - 1]).as("end-of-turn").isTrue();
        assertThat(mask[assistant.end()]).as("newline after the turn").isFalse();
    }

    @Test
    void earlierAssistantTurnsAreContextByDefaultAndTrainedWithAll() {
        RenderedConversation r = new Renderer()
                .turn(Role.USER, 101)
                .turn(Role.ASSISTANT, 102)
                .turn(Role.USER, 103)
                .turn(Role.ASSISTANT, 104)
                .turn(Role.ASSISTANT, 105)
                .done();
        assertThat(trainedTokens(r, LossMasks.sft(r, IS_IMAGE, AssistantScope.AFTER_LAST_USER)))
                .containsExactly(104, IM_END, 105, IM_END);
        assertThat(trainedTokens(r, LossMasks.sft(r, IS_IMAGE, AssistantScope.ALL)))
                .containsExactly(102, IM_END, 104, IM_END, 105, IM_END);
    }

    @Test
    void noUserTurnMeansEveryAssistantTurnTrains() {
        RenderedConversation r = new Renderer().turn(Role.ASSISTANT, 101).turn(Role.ASSISTANT, 102).done();
        assertThat(trainedTokens(r, LossMasks.sft(r, IS_IMAGE, AssistantScope.AFTER_LAST_USER)))
                .containsExactly(101, IM_END, 102, IM_END);
        RenderedConversation userOnly = new Renderer().turn(Role.USER, 101).done();
        assertThat(LossMasks.any(LossMasks.sft(userOnly, IS_IMAGE, AssistantScope.ALL))).isFalse();
    }

    @Test
    void pretrainingTrainsEveryTextTokenButNeverImageTokens() {
        int[] tokens = {7, 8, IMAGE, IMAGE, IMAGE, 9, 10};
        boolean[] mask = LossMasks.pretrain(tokens, IS_IMAGE);
        assertThat(mask).containsExactly(true, true, false, false, false, true, true);
        assertThat(LossMasks.count(mask)).isEqualTo(4);
    }
}
