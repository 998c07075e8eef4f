package io.step3vl.eval.report;

import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.run.DatasetInfo;
import io.step3vl.eval.run.FailureExample;
import io.step3vl.eval.run.Prediction;
import io.step3vl.eval.run.PredictionScoring;
import io.step3vl.eval.run.RunInfo;
import io.step3vl.eval.run.ScoredItem;
import io.step3vl.eval.run.Verifier;
import io.step3vl.eval.score.Scorer;
import io.step3vl.eval.score.ScorerRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval score}: scores saved predictions again without generating, e.g. with another scorer
 * or options. When a dataset/mode/item occurs on several lines (a changed config appended new
 * predictions), the last line wins. Scorers: {@code scorerOverride} for every dataset when given,
 * else each dataset's scorer from the results.json beside the predictions, else {@code auto}.
 */
public final class Rescorer {
    private final String scorerOverride;
    private final Map<String, Object> overrideOptions;
    private final PredictionScoring scoring;

    public Rescorer(String scorerOverride, Map<String, Object> overrideOptions, boolean scoreReasoning, Verifier verifier) {
        this.scorerOverride = scorerOverride;
        this.overrideOptions = overrideOptions == null ? Map.of() : overrideOptions;
        this.scoring = new PredictionScoring(scoreReasoning, verifier);
        if (scorerOverride != null) {
            ScorerRegistry.create(scorerOverride, this.overrideOptions); // fail early on a bad name
        }
    }

    /** Items, their examples of failure, and the run info (from results.json when present). */
    public record Result(RunInfo info, List<ScoredItem> items, List<FailureExample> failures) {}

    public Result rescore(Path predictions, int failureExamples) {
        RunInfo previous = RunFiles.readInfo(predictions);
        Map<String, DatasetInfo> datasetInfo = new HashMap<>();
        if (previous != null && previous.datasets() != null) {
            previous.datasets().forEach(d -> datasetInfo.put(d.name(), d));
        }
        Map<String, Scorer> scorers = new HashMap<>();
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        Set<String> rulesSeen = new HashSet<>();
        // One pass: a later line for the same dataset/mode/item replaces the earlier verdict in place.
        Map<String, ScoredItem> byTriple = new LinkedHashMap<>();
        Map<String, FailureExample> failureByTriple = new HashMap<>();
        Map<String, Integer> failuresPerGroup = new HashMap<>();
        Map<String, Integer> ordinals = new HashMap<>();
        String backend = null;
        try (BufferedReader r = Files.newBufferedReader(predictions, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                Prediction p = parse(line);
                if (p == null) {
                    continue; // a torn line from a killed run, or not a prediction
                }
                String where = predictions + ":" + n;
                String triple = p.dataset() + "\u0000" + p.mode() + "\u0000" + p.id();
                String group = p.dataset() + "\u0000" + p.mode();
                backend = backend == null ? p.backend() : backend;
                Scorer scorer = scorers.computeIfAbsent(p.dataset(), d -> scorerFor(d, datasetInfo.get(d)));
                ScoredItem old = byTriple.get(triple);
                int ordinal = old != null ? old.ordinal() : ordinals.merge(group, 1, Integer::sum) - 1;
                ScoredItem s = scoring.score(p, scorer, ordinal, where);
                byTriple.put(triple, s);
                if (old != null && failureByTriple.remove(triple) != null) {
                    failuresPerGroup.merge(group, -1, Integer::sum);
                }
                if (!s.correct() && failuresPerGroup.getOrDefault(group, 0) < failureExamples) {
                    failureByTriple.put(triple, FailureExample.of(p, s));
                    failuresPerGroup.merge(group, 1, Integer::sum);
                }
                if (rulesSeen.add(p.dataset() + "\u0000" + s.scorer())) {
                    rules.computeIfAbsent(p.dataset(), d -> new LinkedHashSet<>())
                            .add(scoring.describe(scorer.resolve(p.reference().toReference(where))));
                }
            }
        } catch (NoSuchFileException e) {
            throw UserError.at(predictions, "no such file");
        } catch (IOException e) {
            throw UserError.at(predictions, "cannot read: " + e.getMessage());
        }
        List<ScoredItem> items = new ArrayList<>(byTriple.values());
        List<FailureExample> failures = new ArrayList<>();
        for (String triple : byTriple.keySet()) {
            FailureExample f = failureByTriple.get(triple);
            if (f != null) {
                failures.add(f);
            }
        }
        if (items.isEmpty()) {
            throw UserError.at(predictions, "no predictions found (expected predictions.jsonl lines from step3vl eval)");
        }
        List<DatasetInfo> infos = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : rules.entrySet()) {
            DatasetInfo old = datasetInfo.get(e.getKey());
            String scorerName = scorerOverride != null ? scorerOverride : old != null ? old.scorer() : "auto";
            Map<String, Object> options = scorerOverride != null ? overrideOptions : old != null ? old.scorerOptions() : Map.of();
            infos.add(new DatasetInfo(e.getKey(), old == null ? predictions.toString() : old.path(),
                    old == null ? "" : old.format(), scorerName, options, String.join(" || ", e.getValue()),
                    old == null ? "unknown (re-scored from predictions)" : old.prompt()));
        }
        String now = java.time.Instant.now().toString();
        RunInfo info = previous == null
                ? new RunInfo(backend, null, null, 0, modes(items), scoring.scoreReasoning(), scoring.verifier().key(),
                        0, 0, now, now, 0, 0, items.size(), 0, infos)
                : new RunInfo(previous.backend(), previous.judge(), previous.sampling(), previous.seed(), modes(items),
                        scoring.scoreReasoning(), scoring.verifier().key(), previous.concurrency(), previous.maxContext(),
                        previous.startedAt(), now, previous.wallSeconds(), 0, items.size(), 0, infos);
        return new Result(info, items, failures);
    }

    private Scorer scorerFor(String dataset, DatasetInfo info) {
        if (scorerOverride != null) {
            return ScorerRegistry.create(scorerOverride, overrideOptions);
        }
        if (info != null) {
            return ScorerRegistry.create(info.scorer(), info.scorerOptions() == null ? Map.of() : info.scorerOptions());
        }
        return ScorerRegistry.create("auto");
    }

    /** A prediction, or null for a torn or foreign line. */
    private static Prediction parse(String line) {
        try {
            Prediction p = Json.MAPPER.readValue(line, Prediction.class);
            return p.dataset() == null || p.mode() == null || p.id() == null || p.reference() == null ? null : p;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> modes(List<ScoredItem> items) {
        Set<String> m = new LinkedHashSet<>();
        items.forEach(s -> m.add(s.mode()));
        return new ArrayList<>(m);
    }
}
