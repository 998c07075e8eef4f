package io.step3vl.eval.run;

import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.Datasets;
import io.step3vl.eval.data.EvalItem;
import io.step3vl.eval.data.ItemStream;
import io.step3vl.eval.score.Scorer;
import io.step3vl.eval.score.ScorerRegistry;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.pacore.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs every dataset in every mode against a backend, at most {@code concurrency} items in flight.
 * Each finished item is appended to predictions.jsonl at once, so a killed run resumes where it
 * stopped: an item whose key (item, prompt, settings, mode) is in the cache is scored from it and
 * not generated again. Items are streamed from their files; only verdicts stay in memory.
 *
 * <p>Failures: an item whose request fails is counted (score 0, with the error) and retried by the
 * next run; a {@link UserError} from the backend (bad request, unknown model) or too many failures in
 * a row ends the run after the items in flight finish.
 */
public final class EvalRunner {
    private final RunConfig config;
    private final ChatBackend backend;
    private final JudgeSelector judge;
    private final Consumer<String> warnings;

    /**
     * @param judgeBackend the judge for best-of with {@link Verifier#JUDGE}; null otherwise
     * @param warnings     receives one-line warnings (PaCoRe truncation, judge without a verdict, failures)
     */
    public EvalRunner(RunConfig config, ChatBackend backend, ChatBackend judgeBackend, Consumer<String> warnings) {
        this.config = config;
        this.backend = backend;
        if (config.verifier() == Verifier.JUDGE && config.modes().stream().anyMatch(m -> m instanceof Mode.BestOf)
                && judgeBackend == null) {
            throw new UserError("--verifier judge: best-of with a judge needs a judge backend (--judge-endpoint)");
        }
        // A reasoning judge needs the same room to think as the model it judges.
        this.judge = judgeBackend == null ? null : new JudgeSelector(judgeBackend, config.sampling().maxTokens());
        this.warnings = warnings;
    }

    private record Slot(int datasetIndex, int modeIndex) {}

    public RunResult run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Scorer> scorers = new LinkedHashMap<>();
        for (DatasetSpec d : config.datasets()) {
            scorers.put(d.name(), ScorerRegistry.create(d.scorer(), d.scorerOptions()));
        }
        PredictionCache cache = PredictionCache.open(config.outDir().resolve("predictions.jsonl"));
        if (cache.skippedLines() > 0) {
            warnings.accept(cache.file() + ": skipped " + cache.skippedLines() + " unreadable line(s) (a torn write "
                    + "from a killed run); those items are generated again");
        }
        boolean useJudge = config.verifier() == Verifier.JUDGE && judge != null;
        String settings = Fingerprints.hash(Fingerprints.settings(config.sampling(), config.seed(), backend.describe(),
                config.maxContext(), null));
        String judgeSettings = useJudge ? Fingerprints.hash(Fingerprints.settings(config.sampling(), config.seed(),
                backend.describe(), config.maxContext(), judge.describe())) : settings;
        PredictionScoring scoring = new PredictionScoring(config.scoreReasoning(), config.verifier());
        ItemGenerator generator = new ItemGenerator(backend, judge, config.sampling(), config.maxContext(), warnings);

        int total = 0;
        for (DatasetSpec d : config.datasets()) {
            try (ItemStream s = Datasets.open(d)) {
                total += s.total() * config.modes().size();
            }
        }
        Map<Slot, List<ScoredItem>> results = new ConcurrentHashMap<>();
        Map<Slot, List<FailureExample>> failures = new ConcurrentHashMap<>();
        Map<String, Set<String>> rulesByDataset = new ConcurrentHashMap<>();
        AtomicInteger generated = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger consecutiveFailures = new AtomicInteger();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(config.concurrency());
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "eval-worker");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start("eval", total, "items")) {
            java.util.concurrent.atomic.DoubleAdder scoreSum = new java.util.concurrent.atomic.DoubleAdder();
            AtomicInteger scored = new AtomicInteger();
            Consumer<ScoredItem> done = s -> {
                scoreSum.add(s.score());
                int n = scored.incrementAndGet();
                progress.advance(1, String.format(Locale.ROOT, "mean score %.3f", scoreSum.sum() / n));
            };
            outer:
            for (int di = 0; di < config.datasets().size(); di++) {
                DatasetSpec d = config.datasets().get(di);
                Scorer scorer = scorers.get(d.name());
                try (ItemStream items = Datasets.open(d)) {
                    int ordinal = 0;
                    while (items.hasNext()) {
                        EvalItem item = items.next();
                        int itemOrdinal = ordinal++;
                        rulesByDataset.computeIfAbsent(d.name(), k -> ConcurrentHashMap.newKeySet())
                                .add(scoring.describe(scorer.resolve(item.reference())));
                        String promptFp = Fingerprints.prompt(item.messages());
                        for (int mi = 0; mi < config.modes().size(); mi++) {
                            if (fatal.get() != null) {
                                break outer;
                            }
                            Mode mode = config.modes().get(mi);
                            boolean judged = useJudge && mode instanceof Mode.BestOf;
                            String modeSettings = judged ? judgeSettings : settings;
                            String key = Fingerprints.key(d.name(), item.id(), promptFp, modeSettings, mode.spec());
                            Slot slot = new Slot(di, mi);
                            String where = d.path() + " item " + item.id();
                            var cached = cache.get(key);
                            if (cached.isPresent()) {
                                reused.incrementAndGet();
                                record(results, failures, slot, cached.get(), scoring.score(cached.get(), scorer,
                                        itemOrdinal, where), done);
                                continue;
                            }
                            long seed = Seeds.derive(config.seed(), d.name() + "\u0000" + item.id() + "\u0000" + mode.spec());
                            acquire(inFlight, progress);
                            pool.execute(() -> {
                                try {
                                    if (fatal.get() != null) {
                                        return;
                                    }
                                    Prediction p = generator.generate(key, d.name(), item, mode, promptFp, modeSettings,
                                            seed, judged);
                                    cache.put(p);
                                    generated.incrementAndGet();
                                    consecutiveFailures.set(0);
                                    record(results, failures, slot, p, scoring.score(p, scorer, itemOrdinal, where), done);
                                } catch (UserError e) {
                                    fatal.compareAndSet(null, e);
                                } catch (RuntimeException e) {
                                    failed.incrementAndGet();
                                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                                    warnings.accept(d.name() + "/" + item.id() + " (" + mode.spec() + ") failed: " + message);
                                    ScoredItem s = new ScoredItem(d.name(), mode.spec(), item.id(), itemOrdinal,
                                            item.category(), item.l2Category(), 0, null, "generation failed", scorer
                                            .resolve(item.reference()).name(), scorer.resolve(item.reference()).binary(),
                                            null, null, 0, 0, 0, message);
                                    results.computeIfAbsent(slot, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(s);
                                    done.accept(s);
                                    if (consecutiveFailures.incrementAndGet() >= config.maxConsecutiveFailures()) {
                                        fatal.compareAndSet(null, new IllegalStateException(config.maxConsecutiveFailures()
                                                + " items failed in a row, stopping; last error: " + message));
                                    }
                                } catch (Throwable t) {
                                    fatal.compareAndSet(null, t);
                                } finally {
                                    inFlight.release();
                                }
                            });
                        }
                    }
                }
            }
            pool.shutdown();
            awaitQuietly(pool, progress);
        } finally {
            pool.shutdownNow();
        }
        Throwable f = fatal.get();
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(f);
        }
        List<ScoredItem> all = new ArrayList<>();
        List<FailureExample> examples = new ArrayList<>();
        for (int di = 0; di < config.datasets().size(); di++) {
            for (int mi = 0; mi < config.modes().size(); mi++) {
                Slot slot = new Slot(di, mi);
                List<ScoredItem> list = new ArrayList<>(results.getOrDefault(slot, List.of()));
                list.sort(Comparator.comparingInt(ScoredItem::ordinal));
                all.addAll(list);
                List<FailureExample> fs = new ArrayList<>(failures.getOrDefault(slot, List.of()));
                fs.sort(Comparator.comparing(FailureExample::id));
                examples.addAll(fs);
            }
        }
        List<DatasetInfo> infos = new ArrayList<>();
        for (DatasetSpec d : config.datasets()) {
            infos.add(new DatasetInfo(d.name(), d.path().toString(), d.format().key(), d.scorer(), d.scorerOptions(),
                    String.join(" || ", rulesByDataset.getOrDefault(d.name(), Set.of())),
                    d.prompt() == null ? (d.format().key().equals("tsv") ? "mcq/open (default)" : "as written")
                            : d.prompt().name() + " (" + d.prompt().fingerprint() + ")"));
        }
        RunInfo info = new RunInfo(backend.describe(), useJudge ? judge.describe() : null,
                Fingerprints.settings(config.sampling(), config.seed(), backend.describe(), config.maxContext(), null),
                config.seed(), config.modes().stream().map(Mode::spec).toList(), config.scoreReasoning(),
                config.verifier().key(), config.concurrency(), config.maxContext(), started.toString(),
                Instant.now().toString(), (System.nanoTime() - t0) / 1e9, generated.get(), reused.get(), failed.get(), infos);
        return new RunResult(info, all, examples);
    }

    private void record(Map<Slot, List<ScoredItem>> results, Map<Slot, List<FailureExample>> failures, Slot slot,
                        Prediction p, ScoredItem s, Consumer<ScoredItem> done) {
        results.computeIfAbsent(slot, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(s);
        if (!s.correct()) {
            List<FailureExample> list = failures.computeIfAbsent(slot, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            synchronized (list) {
                if (list.size() < config.failureExamples()) {
                    list.add(FailureExample.of(p, s));
                }
            }
        }
        done.accept(s);
    }

    /** Waits for a free slot, telling the progress reporter when nothing moves for long. */
    private static void acquire(Semaphore slots, Progress progress) {
        boolean interrupted = false;
        while (true) {
            try {
                if (slots.tryAcquire(5, TimeUnit.SECONDS)) {
                    break;
                }
                progress.heartbeat();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(ExecutorService pool, Progress progress) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    break;
                }
                progress.heartbeat();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
