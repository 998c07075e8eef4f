package io.step3vl.plugins.infer;

import io.step3vl.common.UserError;
import io.step3vl.inference.pacore.PaCoReConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** PaCoRe flags: one of --pacore, --rounds, --pacore-preset, and the synthesis context limit. */
public final class PaCoReOptions {
    @Option(names = "--pacore", paramLabel = "K",
            description = "Parallel Coordinated Reasoning: K rollouts, then one synthesis of their answers.")
    Integer k;

    @Option(names = "--rounds", paramLabel = "LIST",
            description = "PaCoRe rounds, e.g. 32,4: 32 rollouts, 4 syntheses of them, then the final one.")
    String rounds;

    @Option(names = "--pacore-preset", paramLabel = "low|medium|high",
            description = "The report's PaCoRe settings: low = 4, medium = 16, high = 32,4.")
    String preset;

    @Option(names = "--max-context", paramLabel = "TOKENS", defaultValue = "0",
            description = "Context limit for synthesis prompts (prompt + --max-tokens); references are cut evenly "
                    + "to fit, with a warning. 0 = no limit. Default: ${DEFAULT-VALUE}.")
    int maxContext;

    /** The rounds vector without the final 1, or an empty list for a single request. */
    List<Integer> roundsVector() {
        int given = (k != null ? 1 : 0) + (rounds != null ? 1 : 0) + (preset != null ? 1 : 0);
        if (given > 1) {
            throw new UserError("--pacore/--rounds/--pacore-preset: give at most one");
        }
        if (k != null) {
            if (k < 1) {
                throw new UserError("--pacore: expected at least 1 rollout, got " + k);
            }
            return List.of(k);
        }
        if (rounds != null) {
            return PaCoReConfig.parseRounds(rounds);
        }
        if (preset != null) {
            return PaCoReConfig.presetRounds(preset);
        }
        return List.of();
    }
}
