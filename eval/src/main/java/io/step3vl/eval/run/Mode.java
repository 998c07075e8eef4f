package io.step3vl.eval.run;

import io.step3vl.common.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an item is answered:
 * <ul>
 *   <li>{@code sere} — one reply (sequential reasoning);</li>
 *   <li>{@code pacore:K} — PaCoRe with K rollouts then one synthesis; {@code rounds:a,b,...} — any rounds
 *       vector (a final synthesis of 1 is always appended); {@code pacore:low|medium|high} — the presets;</li>
 *   <li>{@code majority:K} — K samples, the most common extracted answer wins;</li>
 *   <li>{@code best-of:K} — K samples, one chosen by the run's verifier (self-consistency, a judge
 *       model, or the oracle, which reports pass@K).</li>
 * </ul>
 */
public sealed interface Mode {
    /** The canonical spelling, used in cache keys and reports. */
    String spec();

    /** How many completions the mode asks for per item (before any synthesis). */
    int samples();

    record Sere() implements Mode {
        @Override
        public String spec() {
            return "sere";
        }

        @Override
        public int samples() {
            return 1;
        }
    }

    /** PaCoRe with the given rounds (without the final 1). */
    record PaCoRe(List<Integer> rounds, String spelled) implements Mode {
        public PaCoRe {
            rounds = List.copyOf(rounds);
        }

        @Override
        public String spec() {
            return spelled;
        }

        @Override
        public int samples() {
            return rounds.get(0);
        }
    }

    record Majority(int k) implements Mode {
        @Override
        public String spec() {
            return "majority:" + k;
        }

        @Override
        public int samples() {
            return k;
        }
    }

    record BestOf(int k) implements Mode {
        @Override
        public String spec() {
            return "best-of:" + k;
        }

        @Override
        public int samples() {
            return k;
        }
    }

    /** Parses one mode spelling; an error names the accepted forms. */
    static Mode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("sere")) {
            return new Sere();
        }
        int colon = t.indexOf(':');
        String head = colon < 0 ? t : t.substring(0, colon);
        String arg = colon < 0 ? "" : t.substring(colon + 1).trim();
        switch (head) {
            case "pacore" -> {
                if (arg.equals("low") || arg.equals("medium") || arg.equals("high")) {
                    List<Integer> r = io.step3vl.inference.pacore.PaCoReConfig.presetRounds(arg);
                    return new PaCoRe(r, "pacore:" + arg);
                }
                int k = count(arg, text);
                return new PaCoRe(List.of(k), "pacore:" + k);
            }
            case "rounds" -> {
                List<Integer> rounds = new ArrayList<>();
                for (String part : arg.split(",")) {
                    rounds.add(count(part.trim(), text));
                }
                return new PaCoRe(rounds, "rounds:" + String.join(",", rounds.stream().map(String::valueOf).toList()));
            }
            case "majority" -> {
                return new Majority(count(arg, text));
            }
            case "best-of", "bestof", "best_of" -> {
                return new BestOf(count(arg, text));
            }
            default -> throw bad(text);
        }
    }

    /**
     * Parses repeated and comma-separated mode flags: {@code ["sere,majority:8", "rounds:32,4"]}. A
     * bare number after a {@code rounds:} entry continues its rounds vector ({@code rounds:32,4}).
     */
    static List<Mode> parseAll(List<String> values) {
        List<String> tokens = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                boolean continuesRounds = p.matches("\\d+") && !tokens.isEmpty()
                        && tokens.get(tokens.size() - 1).toLowerCase(Locale.ROOT).startsWith("rounds:");
                if (continuesRounds) {
                    tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + "," + p);
                } else {
                    tokens.add(p);
                }
            }
        }
        List<Mode> modes = new ArrayList<>();
        for (String t : tokens) {
            Mode m = parse(t);
            if (modes.stream().noneMatch(x -> x.spec().equals(m.spec()))) {
                modes.add(m);
            }
        }
        if (modes.isEmpty()) {
            throw new UserError("--mode: expected at least one of sere, pacore:K, rounds:a,b, majority:K, best-of:K");
        }
        return modes;
    }

    private static int count(String arg, String whole) {
        try {
            int k = Integer.parseInt(arg);
            if (k >= 1 && k <= 1024) {
                return k;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(whole);
    }

    private static UserError bad(String text) {
        return new UserError("--mode: expected sere, pacore:K (or pacore:low|medium|high), rounds:a,b, majority:K or "
                + "best-of:K with K in 1..1024, got '" + text + "'");
    }
}
