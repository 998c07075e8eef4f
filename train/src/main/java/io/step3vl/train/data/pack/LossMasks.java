package io.step3vl.train.data.pack;

import io.step3vl.train.data.Role;
import java.util.function.IntPredicate;

/**
 * The supervision rules as pure functions over rendered token sequences: {@code mask[i]} says
 * whether token {@code i} is a training target (predicted from the tokens before it). The packer
 * turns it into shifted targets.
 */
public final class LossMasks {
    private LossMasks() {}

    /**
     * Pre-training: every token is trained except image placeholders and image-layout tokens
     * ({@code <im_patch>}, {@code <im_start>}, {@code <patch_newline>}…: pass them in {@code isImageToken}).
     */
    public static boolean[] pretrain(int[] tokens, IntPredicate isImageToken) {
        boolean[] mask = new boolean[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            mask[i] = !isImageToken.test(tokens[i]);
        }
        return mask;
    }

    /**
     * SFT: the content of the assistant turns in {@code scope} — reasoning and the end-of-turn
     * token included, the role header excluded — minus any image tokens. With
     * {@link AssistantScope#AFTER_LAST_USER}, assistant turns before the last user turn are context;
     * a conversation with no user turn trains all its assistant turns.
     */
    public static boolean[] sft(RenderedConversation rendered, IntPredicate isImageToken, AssistantScope scope) {
        int[] tokens = rendered.tokens();
        boolean[] mask = new boolean[tokens.length];
        int lastUserStart = -1;
        if (scope == AssistantScope.AFTER_LAST_USER) {
            for (TurnSpan t : rendered.turns()) {
                if (t.role() == Role.USER) {
                    lastUserStart = t.start();
                }
            }
        }
        for (TurnSpan t : rendered.turns()) {
            if (t.role() != Role.ASSISTANT || t.start() < lastUserStart) {
                continue;
            }
            for (int i = t.contentStart(); i < t.end(); i++) {
                mask[i] = !isImageToken.test(tokens[i]);
            }
        }
        return mask;
    }

    /** Whether anything is trained (samples with nothing to learn are dropped, and counted). */
    public static boolean any(boolean[] mask) {
        for (boolean b : mask) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    public static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
