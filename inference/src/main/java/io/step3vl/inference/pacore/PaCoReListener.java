package io.step3vl.inference.pacore;

import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.Completion;

/** What a PaCoRe run reports while it goes; every method is optional. Called from worker threads. */
public interface PaCoReListener {
    PaCoReListener NONE = new PaCoReListener() {};

    /** Round {@code round} (0-based) of {@code totalRounds} starts {@code requests} requests. */
    default void roundStarted(int round, int totalRounds, int requests) {}

    /** Request {@code index} of round {@code round} finished (a failed one has finish reason "error"). */
    default void completed(int round, int index, Completion completion) {}

    /** Something the user should know: references truncated to fit, rollouts that failed. */
    default void warning(String message) {}

    /** Where request {@code index} of round {@code round} streams its text; null = no streaming. */
    default ChatBackend.TokenListener tokens(int round, int index) {
        return null;
    }
}
