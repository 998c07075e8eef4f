package io.step3vl.plugins.infer;

import io.step3vl.common.UserError;
import io.step3vl.inference.SamplingParams;
import java.util.List;
import picocli.CommandLine.Option;

/** Sampling flags; defaults are the release's (temperature 1, top-p 1, no top-k), thinking on. */
public final class SamplingOptions {
    @Option(names = "--think", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Thinking mode: the model reasons in <think> before answering (--no-think to answer directly). "
                    + "Default: on.")
    boolean think;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Sampling temperature; 0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1.0",
            description = "Nucleus sampling mass in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Sample among the K likeliest tokens; 0 = off. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--min-p", paramLabel = "P", defaultValue = "0",
            description = "Drop tokens below P times the likeliest one's probability; 0 = off. Default: ${DEFAULT-VALUE}.")
    double minP;

    @Option(names = "--repetition-penalty", paramLabel = "R", defaultValue = "1.0",
            description = "Penalty on tokens already present; 1 = off. Default: ${DEFAULT-VALUE}.")
    double repetitionPenalty;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "8192",
            description = "Most tokens generated per request (per rollout with PaCoRe). Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT",
            description = "Stop when this text is generated (repeatable).")
    List<String> stop;

    /** The sampling settings (seed 0: every request gets its own seed later). */
    SamplingParams params() {
        check(temperature >= 0, "--temperature", "expected >= 0 (0 = greedy), got " + temperature);
        check(topP > 0 && topP <= 1, "--top-p", "expected a value in (0, 1], got " + topP);
        check(topK >= 0, "--top-k", "expected >= 0 (0 = off), got " + topK);
        check(minP >= 0 && minP < 1, "--min-p", "expected a value in [0, 1), got " + minP);
        check(repetitionPenalty > 0, "--repetition-penalty", "expected > 0 (1 = off), got " + repetitionPenalty);
        check(maxTokens > 0, "--max-tokens", "expected a positive token count, got " + maxTokens);
        return new SamplingParams(temperature, topP, topK, minP, repetitionPenalty, maxTokens, 0,
                stop == null ? List.of() : stop, think);
    }

    private static void check(boolean ok, String flag, String message) {
        if (!ok) {
            throw new UserError(flag + ": " + message);
        }
    }
}
