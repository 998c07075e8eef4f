package io.step3vl.inference.pacore;

import io.step3vl.common.UserError;
import io.step3vl.inference.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One PaCoRe run: the rounds vector K without the final 1 (appended by {@link #allRounds()}), the
 * sampling of every request (the public code uses temperature 1, top-p 1), the context limit for
 * synthesis prompts (prompt + max_tokens must fit; 0 = no limit), and the seed that fixes every
 * rollout's seed and every shuffle.
 */
public record PaCoReConfig(List<Integer> rounds, SamplingParams sampling, int maxContext, long seed) {
    public PaCoReConfig {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new UserError("pacore rounds: expected at least one round, e.g. [16] or [32, 4]");
        }
        for (int k : rounds) {
            if (k < 1) {
                throw new UserError("pacore rounds: every round needs at least 1 response, got " + rounds);
            }
        }
        if (maxContext < 0) {
            throw new UserError("max-context: expected a positive token count (or 0 for no limit), got " + maxContext);
        }
        if (maxContext > 0 && maxContext <= sampling.maxTokens()) {
            throw new UserError("max-context: " + maxContext + " leaves no room for the synthesis prompt next to max-tokens "
                    + sampling.maxTokens() + " (a synthesis prompt and its reply share the context)");
        }
    }

    /** The report's presets: low = [4], medium = [16], high = [32, 4]. */
    public static PaCoReConfig preset(String name, SamplingParams sampling, int maxContext, long seed) {
        return new PaCoReConfig(presetRounds(name), sampling, maxContext, seed);
    }

    public static List<Integer> presetRounds(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "low" -> List.of(4);
            case "medium" -> List.of(16);
            case "high" -> List.of(32, 4);
            default -> throw new UserError("pacore preset: expected low, medium or high, got '" + name + "'");
        };
    }

    /** "32,4" or "[32, 4]" → [32, 4]. */
    public static List<Integer> parseRounds(String spec) {
        String body = spec.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (String part : body.split(",")) {
            try {
                out.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new UserError("rounds: expected comma-separated counts such as 32,4, got '" + spec + "'");
            }
        }
        return out;
    }

    /** The rounds actually run: K followed by the final single synthesis. */
    public List<Integer> allRounds() {
        List<Integer> all = new ArrayList<>(rounds);
        all.add(1);
        return all;
    }

    /** Tokens a synthesis prompt may use: the context minus the reply's budget; MAX_VALUE when unlimited. */
    public int promptBudget() {
        return maxContext == 0 ? Integer.MAX_VALUE : maxContext - sampling.maxTokens();
    }
}
