package io.step3vl.inference.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ReasoningSplit;
import java.util.List;

/**
 * An {@link Answer} as JSON: {@code answer} (the visible content, stripped), {@code reasoning},
 * {@code finish_reason}, {@code seed}, {@code usage} (the final request's prompt and completion tokens,
 * and {@code total_completion_tokens} over all requests), {@code timings}, and with PaCoRe
 * {@code pacore.rounds[r][i]} = every candidate's answer, reasoning, finish reason and tokens.
 */
public final class AnswerJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnswerJson() {}

    public static ObjectNode of(Answer a, boolean thinking) {
        ObjectNode root = F.objectNode();
        fill(root, a, thinking);
        return root;
    }

    /** Adds the answer's fields to {@code root} (after any the caller put first, e.g. an item id). */
    public static void fill(ObjectNode root, Answer a, boolean thinking) {
        ReasoningSplit split = ReasoningSplit.of(a.completion(), thinking);
        root.put("answer", split.content().strip());
        root.put("reasoning", split.reasoning());
        root.put("finish_reason", a.completion().finishReason());
        root.put("seed", a.seed());
        root.putObject("usage")
                .put("prompt_tokens", a.completion().promptTokens())
                .put("completion_tokens", a.completion().completionTokens())
                .put("total_completion_tokens", a.totalCompletionTokens());
        ObjectNode timings = root.putObject("timings").put("seconds", round3(a.seconds()));
        if (a.firstTextSeconds() >= 0) {
            timings.put("first_text_seconds", round3(a.firstTextSeconds()));
        }
        timings.put("tokens_per_second", round3(a.tokensPerSecond()));
        if (a.pacore() != null) {
            ObjectNode pacore = root.putObject("pacore");
            ArrayNode sizes = pacore.putArray("rounds_vector");
            ArrayNode rounds = pacore.putArray("rounds");
            for (List<Completion> round : a.pacore().rounds()) {
                sizes.add(round.size());
                ArrayNode candidates = rounds.addArray();
                for (Completion c : round) {
                    ReasoningSplit s = ReasoningSplit.of(c, thinking);
                    candidates.addObject().put("answer", s.content().strip()).put("reasoning", s.reasoning())
                            .put("finish_reason", c.finishReason()).put("completion_tokens", c.completionTokens());
                }
            }
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
