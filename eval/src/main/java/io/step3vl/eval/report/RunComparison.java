package io.step3vl.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.step3vl.common.report.Table;
import io.step3vl.eval.run.ScoredItem;
import io.step3vl.eval.stats.Bootstrap;
import io.step3vl.eval.stats.PairedTests;
import io.step3vl.inference.pacore.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval compare RUN_A RUN_B}: per dataset (and mode) and per category, B's score minus A's on
 * the items both runs scored, with a paired significance test — McNemar's exact test when both
 * sides are 0/1, the paired bootstrap otherwise — and the items that flipped. Datasets are paired by
 * name and mode; when a dataset has exactly one mode on each side and the modes differ (A ran sere,
 * B ran pacore:16), those are paired.
 */
public final class RunComparison {
    /** Flipped items listed per pair at most. */
    public static final int MAX_FLIPS = 50;

    private RunComparison() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison(String runA, String runB, List<Pair> pairs) {}

    /**
     * One dataset/mode pair. {@code aOnly}: items only A got right; {@code bOnly}: only B (binary
     * scores). {@code missingInA}/{@code missingInB}: items one side has and the other lacks (not compared).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pair(String dataset, String modeA, String modeB, int n, double scoreA, double scoreB, double delta,
                       double[] deltaCi95, String test, double pValue, Integer aOnly, Integer bOnly, int missingInA,
                       int missingInB, List<Group> categories, List<Flip> flips, int flipCount) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(String name, int n, double scoreA, double scoreB, double delta, double pValue) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Flip(String id, String category, double scoreA, double scoreB, String extractedA, String extractedB) {}

    public static Comparison compare(String labelA, List<ScoredItem> a, String labelB, List<ScoredItem> b, int resamples,
                                     long seed) {
        Map<String, Map<String, List<ScoredItem>>> byA = byDatasetMode(a);
        Map<String, Map<String, List<ScoredItem>>> byB = byDatasetMode(b);
        List<Pair> pairs = new ArrayList<>();
        for (String dataset : byA.keySet()) {
            Map<String, List<ScoredItem>> modesA = byA.get(dataset);
            Map<String, List<ScoredItem>> modesB = byB.get(dataset);
            if (modesB == null) {
                continue;
            }
            boolean matched = false;
            for (String mode : modesA.keySet()) {
                if (modesB.containsKey(mode)) {
                    pairs.add(pair(dataset, mode, modesA.get(mode), mode, modesB.get(mode), resamples, seed));
                    matched = true;
                }
            }
            if (!matched && modesA.size() == 1 && modesB.size() == 1) {
                String ma = modesA.keySet().iterator().next();
                String mb = modesB.keySet().iterator().next();
                pairs.add(pair(dataset, ma, modesA.get(ma), mb, modesB.get(mb), resamples, seed));
            }
        }
        return new Comparison(labelA, labelB, pairs);
    }

    private static Pair pair(String dataset, String modeA, List<ScoredItem> a, String modeB, List<ScoredItem> b,
                             int resamples, long seed) {
        Map<String, ScoredItem> mapB = new LinkedHashMap<>();
        b.forEach(s -> mapB.put(s.id(), s));
        List<ScoredItem> pa = new ArrayList<>();
        List<ScoredItem> pb = new ArrayList<>();
        Set<String> idsA = new LinkedHashSet<>();
        for (ScoredItem s : a) {
            idsA.add(s.id());
            ScoredItem other = mapB.get(s.id());
            if (other != null) {
                pa.add(s);
                pb.add(other);
            }
        }
        int missingInB = a.size() - pa.size();
        int missingInA = (int) b.stream().filter(s -> !idsA.contains(s.id())).count();
        long pairSeed = Seeds.derive(seed, dataset + "\u0000" + modeA + "\u0000" + modeB);
        Stat overall = stat(pa, pb, resamples, pairSeed);
        Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
        for (int i = 0; i < pa.size(); i++) {
            String c = pa.get(i).category();
            if (c != null && !c.isEmpty()) {
                byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
            }
        }
        List<Group> groups = new ArrayList<>();
        byCategory.forEach((name, idx) -> {
            Stat st = stat(select(pa, idx), select(pb, idx), resamples, Seeds.derive(pairSeed, name));
            groups.add(new Group(name, idx.size(), round(st.scoreA), round(st.scoreB), round(st.scoreB - st.scoreA), st.p));
        });
        List<Flip> flips = new ArrayList<>();
        for (int i = 0; i < pa.size(); i++) {
            ScoredItem x = pa.get(i);
            ScoredItem y = pb.get(i);
            boolean flipped = overall.binary ? x.correct() != y.correct() : Math.abs(y.score() - x.score()) >= 0.5;
            if (flipped) {
                flips.add(new Flip(x.id(), x.category(), x.score(), y.score(), x.extracted(), y.extracted()));
            }
        }
        int flipCount = flips.size();
        if (!overall.binary) {
            flips.sort(Comparator.comparingDouble((Flip f) -> -Math.abs(f.scoreB() - f.scoreA())));
        }
        List<Flip> shown = flips.size() > MAX_FLIPS ? flips.subList(0, MAX_FLIPS) : flips;
        return new Pair(dataset, modeA, modeB, pa.size(), round(overall.scoreA), round(overall.scoreB),
                round(overall.scoreB - overall.scoreA), overall.ci, overall.test, overall.p,
                overall.binary ? overall.aOnly : null, overall.binary ? overall.bOnly : null, missingInA, missingInB,
                groups, List.copyOf(shown), flipCount);
    }

    private record Stat(double scoreA, double scoreB, double[] ci, String test, double p, boolean binary, int aOnly,
                        int bOnly) {}

    private static Stat stat(List<ScoredItem> a, List<ScoredItem> b, int resamples, long seed) {
        double[] va = a.stream().mapToDouble(ScoredItem::score).toArray();
        double[] vb = b.stream().mapToDouble(ScoredItem::score).toArray();
        boolean binary = a.stream().allMatch(ScoredItem::binary) && b.stream().allMatch(ScoredItem::binary);
        PairedTests.PairedResult boot = PairedTests.pairedBootstrap(va, vb, 0.95, resamples, seed);
        double[] ci = boot.interval().toArray();
        if (binary) {
            int aOnly = 0;
            int bOnly = 0;
            for (int i = 0; i < a.size(); i++) {
                boolean ra = a.get(i).correct();
                boolean rb = b.get(i).correct();
                if (ra && !rb) {
                    aOnly++;
                } else if (rb && !ra) {
                    bOnly++;
                }
            }
            return new Stat(Bootstrap.mean(va), Bootstrap.mean(vb), ci, "mcnemar-exact", PairedTests.mcnemarExact(aOnly, bOnly),
                    true, aOnly, bOnly);
        }
        return new Stat(Bootstrap.mean(va), Bootstrap.mean(vb), ci, "paired-bootstrap", boot.pValue(), false, 0, 0);
    }

    private static List<ScoredItem> select(List<ScoredItem> items, List<Integer> idx) {
        List<ScoredItem> out = new ArrayList<>(idx.size());
        idx.forEach(i -> out.add(items.get(i)));
        return out;
    }

    private static Map<String, Map<String, List<ScoredItem>>> byDatasetMode(List<ScoredItem> items) {
        Map<String, Map<String, List<ScoredItem>>> out = new LinkedHashMap<>();
        for (ScoredItem s : items) {
            out.computeIfAbsent(s.dataset(), k -> new LinkedHashMap<>()).computeIfAbsent(s.mode(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The comparison as Markdown: a summary table, then per pair its categories and flipped items. */
    public static String markdown(Comparison c) {
        StringBuilder md = new StringBuilder("# Comparison\n\nA: `").append(c.runA()).append("`  \nB: `").append(c.runB())
                .append("`\n\n");
        if (c.pairs().isEmpty()) {
            return md.append("No dataset appears in both runs.\n").toString();
        }
        Table t = Table.of("dataset", "mode A", "mode B", "n", "A", "B", "B - A", "95% CI of B - A", "test", "p", "A only",
                "B only", "flipped");
        for (Pair p : c.pairs()) {
            t.row(p.dataset(), p.modeA(), p.modeB(), p.n(), p.scoreA(), p.scoreB(), signed(p.delta()),
                    ResultsWriter.ci(p.deltaCi95()), p.test(), pValue(p.pValue()), p.aOnly(), p.bOnly(), p.flipCount());
        }
        md.append(t.toMarkdown());
        for (Pair p : c.pairs()) {
            String title = p.dataset() + (p.modeA().equals(p.modeB()) ? " (" + p.modeA() + ")" : " (" + p.modeA() + " → " + p.modeB() + ")");
            if (p.missingInA() > 0 || p.missingInB() > 0) {
                md.append("\n").append(title).append(": ").append(p.missingInB()).append(" item(s) only in A and ")
                        .append(p.missingInA()).append(" only in B were not compared.\n");
            }
            if (!p.categories().isEmpty()) {
                Table g = Table.of("category", "n", "A", "B", "B - A", "p");
                p.categories().forEach(x -> g.row(x.name(), x.n(), x.scoreA(), x.scoreB(), signed(x.delta()), pValue(x.pValue())));
                md.append("\n## ").append(title).append(" by category\n\n").append(g.toMarkdown());
            }
            if (!p.flips().isEmpty()) {
                Table f = Table.of("id", "category", "A", "B", "A answered", "B answered");
                p.flips().forEach(x -> f.row(x.id(), x.category(), x.scoreA(), x.scoreB(), x.extractedA(), x.extractedB()));
                md.append("\n## ").append(title).append(": flipped items")
                        .append(p.flipCount() > p.flips().size() ? " (first " + p.flips().size() + " of " + p.flipCount() + ")" : "")
                        .append("\n\n").append(f.toMarkdown());
            }
        }
        return md.toString();
    }

    private static String signed(double d) {
        return String.format(Locale.ROOT, "%+.4f", d);
    }

    private static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static double round(double v) {
        return ResultsWriter.round(v);
    }
}
