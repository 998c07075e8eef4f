package io.step3vl.eval.run;

import io.step3vl.inference.Completion;

/** One saved completion: its text, separated reasoning (or null), finish reason, token counts and latency. */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Sample(String content, String reasoning, String finishReason, int promptTokens, int completionTokens,
                     double latencySeconds) {
    public Sample {
        content = content == null ? "" : content;
    }

    public static Sample of(Completion c) {
        return new Sample(c.content(), c.reasoning(), c.finishReason(), c.promptTokens(), c.completionTokens(),
                c.latencySeconds());
    }
}
