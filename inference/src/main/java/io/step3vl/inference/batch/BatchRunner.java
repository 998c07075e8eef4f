package io.step3vl.inference.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import io.step3vl.inference.pacore.Seeds;
import io.step3vl.inference.run.Answer;
import io.step3vl.inference.run.AnswerJson;
import io.step3vl.inference.run.Answerer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers every item of an items file not yet in the results file, {@code concurrency} at a time,
 * appending each result the moment it is done. Item i's seed is {@code Seeds.derive(runSeed, id)},
 * the same whatever the order, the concurrency or how often the run was resumed.
 *
 * <p>A failed item is reported and left out of the results (a rerun retries it). When the first
 * {@value #GIVE_UP_AFTER} items to finish all failed, the problem is not the items (a wrong URL, key
 * or model name): the run stops with the first error instead of failing every item.
 */
public final class BatchRunner {
    static final int GIVE_UP_AFTER = 5;

    /** What a batch reports besides the progress bar. */
    public interface Listener {
        default void itemFailed(String id, String message) {}

        default void warning(String message) {}
    }

    /** The outcome: items in the file, skipped as already done, answered now, failed now. */
    public record Summary(int total, int skipped, int succeeded, int failed, long completionTokens, double seconds,
                          List<String> failures) {
        public double itemsPerSecond() {
            return seconds <= 0 ? 0 : succeeded / seconds;
        }

        public double tokensPerSecond() {
            return seconds <= 0 ? 0 : completionTokens / seconds;
        }
    }

    private BatchRunner() {}

    public static Summary run(Answerer answerer, List<BatchItem> items, ResultsFile results, int concurrency,
                              long runSeed, Listener listener) {
        if (concurrency < 1) {
            throw new UserError("--concurrency: expected at least 1, got " + concurrency);
        }
        if (results.tornBytes() > 0) {
            listener.warning(results.path() + ": removed a torn last line (" + results.tornBytes()
                    + " bytes) left by an interrupted run");
        }
        List<BatchItem> todo = new ArrayList<>();
        for (BatchItem item : items) {
            if (!results.done(item.id())) {
                todo.add(item);
            }
        }
        int skipped = items.size() - todo.size();
        boolean thinking = answerer.sampling().thinking();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong tokens = new AtomicLong();
        AtomicBoolean givenUp = new AtomicBoolean();
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, todo.size())), r -> {
            Thread t = new Thread(r, "batch");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start("infer", todo.size(), "items")) {
            List<Future<?>> futures = new ArrayList<>();
            for (BatchItem item : todo) {
                futures.add(pool.submit(() -> {
                    if (givenUp.get()) {
                        return;
                    }
                    try {
                        Answer answer = answerer.answer(item.messages(), Seeds.derive(runSeed, item.id()),
                                new Answerer.Listener() {
                                    @Override
                                    public void warning(String message) {
                                        listener.warning(item.id() + ": " + message);
                                    }
                                });
                        ObjectNode line = JsonNodeFactory.instance.objectNode().put("id", item.id());
                        AnswerJson.fill(line, answer, thinking);
                        results.append(item.id(), line);
                        succeeded.incrementAndGet();
                        tokens.addAndGet(answer.totalCompletionTokens());
                    } catch (RuntimeException e) {
                        firstFailure.compareAndSet(null, e);
                        int nFailed = failed.incrementAndGet();
                        String message = item.id() + " (line " + item.line() + "): " + oneLine(e);
                        failures.add(message);
                        listener.itemFailed(item.id(), oneLine(e));
                        if (succeeded.get() == 0 && nFailed >= Math.min(GIVE_UP_AFTER, todo.size())) {
                            givenUp.set(true);
                        }
                    }
                    double secs = (System.nanoTime() - start) / 1e9;
                    progress.advance(1, String.format(Locale.ROOT, "%s tok/s%s", rate(tokens.get() / Math.max(1e-9, secs)),
                            failed.get() > 0 ? " | " + failed.get() + " failed" : ""));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted; finished items are saved in " + results.path(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (givenUp.get()) {
            RuntimeException first = firstFailure.get();
            String message = "stopped: the first " + failed.get() + " items all failed, first with: " + oneLine(first);
            throw first instanceof UserError ? new UserError(message, first) : new IllegalStateException(message, first);
        }
        return new Summary(items.size(), skipped, succeeded.get(), failed.get(), tokens.get(),
                (System.nanoTime() - start) / 1e9, List.copyOf(failures));
    }

    private static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ");
    }
}
