package io.step3vl.inference.local;

import io.step3vl.generate.GenerationObserver;
import io.step3vl.generate.GenerationOutput;
import io.step3vl.generate.GenerationRequest;
import io.step3vl.generate.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One worker thread that owns the model: requests submitted from any thread wait in a queue, and each
 * generation batch takes every request waiting at that moment (up to {@code maxRows} sequences), so
 * concurrent callers — a server's clients, an eval run's items, PaCoRe's rollouts — share forward
 * passes instead of queueing behind each other.
 */
final class BatchScheduler implements AutoCloseable {

    /** A request with the observer of its own rows (numbered 0..copies-1). */
    record Job(GenerationRequest request, GenerationObserver observer, CompletableFuture<List<GenerationOutput>> result) {}

    private static final Job POISON = new Job(null, null, null);

    private final Generator generator;
    private final int maxRows;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;

    BatchScheduler(Generator generator, int maxRows) {
        this.generator = generator;
        this.maxRows = maxRows;
        this.worker = new Thread(this::loop, "step3vl-generate");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    CompletableFuture<List<GenerationOutput>> submit(GenerationRequest request, GenerationObserver observer) {
        CompletableFuture<List<GenerationOutput>> future = new CompletableFuture<>();
        queue.add(new Job(request, observer, future));
        return future;
    }

    private void loop() {
        while (true) {
            List<Job> batch = new ArrayList<>();
            try {
                Job first = queue.take();
                if (first == POISON) {
                    return;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            int rows = batch.get(0).request().copies();
            Job next;
            while ((next = queue.peek()) != null && next != POISON && rows + next.request().copies() <= maxRows) {
                batch.add(queue.poll());
                rows += next.request().copies();
            }
            run(batch);
        }
    }

    private void run(List<Job> batch) {
        List<GenerationRequest> requests = new ArrayList<>();
        int[] firstRow = new int[batch.size() + 1];
        for (int i = 0; i < batch.size(); i++) {
            requests.add(batch.get(i).request());
            firstRow[i + 1] = firstRow[i] + batch.get(i).request().copies();
        }
        GenerationObserver routed = (row, token, logprob) -> {
            int job = 0;
            while (row >= firstRow[job + 1]) {
                job++;
            }
            return batch.get(job).observer().onToken(row - firstRow[job], token, logprob);
        };
        try {
            List<GenerationOutput> outputs = generator.generate(requests, routed);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(List.copyOf(outputs.subList(firstRow[i], firstRow[i + 1])));
            }
        } catch (RuntimeException | Error e) {
            for (Job job : batch) {
                job.result().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        queue.add(POISON);
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
