package io.step3vl.eval.report;

import io.step3vl.eval.run.DatasetInfo;
import io.step3vl.eval.run.RunInfo;
import io.step3vl.eval.run.ScoredItem;
import io.step3vl.eval.stats.Bootstrap;
import io.step3vl.eval.stats.Percentiles;
import io.step3vl.inference.pacore.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Computes {@link Summary}s from item verdicts. Deterministic: bootstrap seeds derive from the run seed. */
public final class Summaries {
    private Summaries() {}

    /** One summary per (dataset, mode) in first-seen order. */
    public static List<Summary> compute(RunInfo info, List<ScoredItem> items, int resamples) {
        Map<String, List<ScoredItem>> groups = new LinkedHashMap<>();
        for (ScoredItem s : items) {
            groups.computeIfAbsent(s.dataset() + "\u0000" + s.mode(), k -> new ArrayList<>()).add(s);
        }
        Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
        if (info != null && info.datasets() != null) {
            info.datasets().forEach(d -> datasets.put(d.name(), d));
        }
        List<Summary> out = new ArrayList<>();
        for (List<ScoredItem> group : groups.values()) {
            out.add(summarise(info, datasets.get(group.get(0).dataset()), group, resamples));
        }
        return out;
    }

    static Summary summarise(RunInfo info, DatasetInfo dataset, List<ScoredItem> items, int resamples) {
        ScoredItem first = items.get(0);
        long seed = Seeds.derive(info == null ? 0 : info.seed(), first.dataset() + "\u0000" + first.mode());
        double[] scores = items.stream().mapToDouble(ScoredItem::score).toArray();
        int errors = (int) items.stream().filter(ScoredItem::failed).count();
        boolean binary = items.stream().allMatch(ScoredItem::binary);
        Set<String> scorerNames = new LinkedHashSet<>();
        items.forEach(s -> scorerNames.add(s.scorer()));
        String metric = binary ? "accuracy" : scorerNames.size() == 1 ? "mean " + scorerNames.iterator().next()
                : "mean score (" + String.join(", ", scorerNames) + ")";
        Bootstrap.Interval ci = Bootstrap.meanInterval(scores, 0.95, resamples, seed);
        List<Summary.Group> categories = groups(items, ScoredItem::category, resamples, seed);
        List<Summary.Group> l2 = groups(items, ScoredItem::l2Category, resamples, seed);
        long promptTokens = items.stream().mapToLong(ScoredItem::promptTokens).sum();
        long completionTokens = items.stream().mapToLong(ScoredItem::completionTokens).sum();
        double[] latencies = items.stream().filter(s -> !s.failed()).mapToDouble(ScoredItem::latencySeconds).toArray();
        Summary.Latency latency = latencies.length == 0 ? null : new Summary.Latency(Bootstrap.mean(latencies),
                Percentiles.of(latencies, 0.5), Percentiles.of(latencies, 0.9), Percentiles.of(latencies, 0.99),
                java.util.Arrays.stream(latencies).max().orElse(Double.NaN));
        Integer k = null;
        Double passAtK = null;
        Double meanAtK = null;
        List<double[]> sampleScores = items.stream().map(ScoredItem::sampleScores).filter(java.util.Objects::nonNull).toList();
        if (!sampleScores.isEmpty()) {
            k = sampleScores.stream().mapToInt(a -> a.length).max().orElse(0);
            double pass = 0;
            double mean = 0;
            for (ScoredItem s : items) {
                double[] ss = s.sampleScores();
                if (ss == null || ss.length == 0) {
                    continue; // a failed item: counts as 0
                }
                double best = 0;
                double sum = 0;
                for (double v : ss) {
                    best = Math.max(best, v);
                    sum += v;
                }
                pass += binary ? (best >= 0.5 ? 1 : 0) : best;
                mean += sum / ss.length;
            }
            passAtK = pass / items.size();
            meanAtK = mean / items.size();
        }
        String judge = null;
        if (first.mode().startsWith("best-of") && info != null) {
            judge = info.judge() != null ? "judge " + info.judge() : "verifier " + info.verifier();
        }
        return new Summary(first.dataset(), first.mode(), items.size(), errors, metric, Bootstrap.mean(scores),
                ci.toArray(), dataset == null ? String.join("/", scorerNames) : dataset.scorer(),
                dataset == null ? null : dataset.rules(), dataset == null ? null : dataset.prompt(), judge,
                info == null ? null : info.sampling(), categories, l2.isEmpty() ? null : l2,
                new Summary.Tokens(promptTokens, completionTokens, (double) completionTokens / items.size()), latency,
                k, passAtK, meanAtK);
    }

    private static List<Summary.Group> groups(List<ScoredItem> items, Function<ScoredItem, String> key, int resamples,
                                              long seed) {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (ScoredItem s : items) {
            String k = key.apply(s);
            if (k != null && !k.isEmpty()) {
                by.computeIfAbsent(k, x -> new ArrayList<>()).add(s.score());
            }
        }
        List<Summary.Group> out = new ArrayList<>();
        by.forEach((name, list) -> {
            double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new Summary.Group(name, v.length, Bootstrap.mean(v),
                    Bootstrap.meanInterval(v, 0.95, resamples, Seeds.derive(seed, name)).toArray()));
        });
        return out;
    }
}
