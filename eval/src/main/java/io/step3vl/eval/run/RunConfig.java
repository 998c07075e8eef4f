package io.step3vl.eval.run;

import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.inference.SamplingParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run needs besides the backends, validated once.
 *
 * @param sampling               per-request sampling; the seed in it is ignored (each item gets its own from {@code seed})
 * @param maxContext             PaCoRe context limit in tokens (0 = none)
 * @param seed                   the run seed: item seeds, PaCoRe shuffles and bootstrap resamples derive from it
 * @param concurrency            items in flight at once (each may issue several requests)
 * @param scoreReasoning         score whole replies, reasoning included
 * @param verifier               how best-of:K chooses
 * @param outDir                 where predictions.jsonl, scores.jsonl and the reports go
 * @param bootstrapResamples     resamples for the 95% intervals
 * @param maxConsecutiveFailures stop the run after this many items fail in a row (a dead endpoint)
 * @param failureExamples        wrong items kept per dataset and mode for the report
 */
public record RunConfig(List<DatasetSpec> datasets, List<Mode> modes, SamplingParams sampling, int maxContext, long seed,
                        int concurrency, boolean scoreReasoning, Verifier verifier, Path outDir, int bootstrapResamples,
                        int maxConsecutiveFailures, int failureExamples) {
    public RunConfig {
        datasets = List.copyOf(datasets);
        modes = List.copyOf(modes);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(outDir, "outDir");
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one dataset");
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one mode");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (maxContext < 0 || bootstrapResamples < 1 || maxConsecutiveFailures < 1 || failureExamples < 0) {
            throw new IllegalArgumentException("bad run limits");
        }
    }

    /** Defaults for everything but the datasets, modes, sampling and output directory. */
    public static RunConfig of(List<DatasetSpec> datasets, List<Mode> modes, SamplingParams sampling, Path outDir) {
        return new RunConfig(datasets, modes, sampling, 0, 0, 1, false, Verifier.SELF_CONSISTENCY, outDir, 1000, 20, 5);
    }

    public RunConfig withConcurrency(int n) {
        return new RunConfig(datasets, modes, sampling, maxContext, seed, n, scoreReasoning, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(datasets, modes, sampling, maxContext, s, concurrency, scoreReasoning, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withVerifier(Verifier v) {
        return new RunConfig(datasets, modes, sampling, maxContext, seed, concurrency, scoreReasoning, v, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withScoreReasoning(boolean on) {
        return new RunConfig(datasets, modes, sampling, maxContext, seed, concurrency, on, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withMaxContext(int tokens) {
        return new RunConfig(datasets, modes, sampling, tokens, seed, concurrency, scoreReasoning, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withDatasets(List<DatasetSpec> ds) {
        return new RunConfig(ds, modes, sampling, maxContext, seed, concurrency, scoreReasoning, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withSampling(SamplingParams s) {
        return new RunConfig(datasets, modes, s, maxContext, seed, concurrency, scoreReasoning, verifier, outDir,
                bootstrapResamples, maxConsecutiveFailures, failureExamples);
    }

    public RunConfig withMaxConsecutiveFailures(int n) {
        return new RunConfig(datasets, modes, sampling, maxContext, seed, concurrency, scoreReasoning, verifier, outDir,
                bootstrapResamples, n, failureExamples);
    }
}
