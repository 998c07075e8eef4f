package io.step3vl.inference.run;

import io.step3vl.inference.Completion;
import io.step3vl.inference.pacore.PaCoReResult;

/**
 * The answer to one conversation: the final completion, every PaCoRe round when PaCoRe ran (else
 * null), the seed used, wall time, time to the first streamed text (-1 when nothing streamed) and
 * the tokens generated over all requests.
 */
public record Answer(Completion completion, PaCoReResult pacore, long seed, double seconds, double firstTextSeconds,
                     long totalCompletionTokens) {
    /** Generated tokens per second of wall time, over all requests. */
    public double tokensPerSecond() {
        return seconds <= 0 ? 0 : totalCompletionTokens / seconds;
    }
}
