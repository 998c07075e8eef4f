package io.step3vl.plugins.eval;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.data.DatasetFormat;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.Suite;
import io.step3vl.eval.report.ResultsWriter;
import io.step3vl.eval.run.Mode;
import io.step3vl.eval.run.RunConfig;
import io.step3vl.eval.run.Verifier;
import io.step3vl.eval.score.ScorerRegistry;
import io.step3vl.inference.Backends;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.SamplingParams;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl eval}: runs benchmarks against a local model or an endpoint, in any of the paper's modes. */
@Extension
@Command(name = "eval",
        description = {"Evaluate a model on benchmarks (JSONL items, VLMEvalKit TSVs, the shapes-world bench) in "
                + "SeRe, PaCoRe, majority-vote and best-of-N modes. Resumable: rerun with the same --out to continue "
                + "a stopped run; only items whose prompt, settings or mode changed are generated again.",
            "Writes predictions.jsonl, scores.jsonl, results.json, results.md and report.html to --out."},
        subcommands = {ScoreCommand.class, CompareCommand.class},
        footer = {"%nExamples:",
            "  step3vl eval --data examples/eval/items.jsonl --endpoint http://localhost:8000/v1 --mode sere,pacore:16",
            "  step3vl eval --suite examples/eval/suite.yaml --model ckpt/tiny --mode sere --mode majority:8 --out runs/e1",
            "  step3vl eval --data bench.jsonl --endpoint http://gpu:8000/v1 --served-model step3-vl-10b "
                + "--api-key-env VLLM_KEY --mode rounds:32,4 --concurrency 16 --json",
            "  step3vl eval compare runs/sere runs/pacore"})
public final class EvalCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Option(names = "--data", paramLabel = "FILE", arity = "1..*",
            description = "Item files to evaluate (.jsonl items or VLMEvalKit .tsv); repeatable.")
    List<Path> data;

    @Option(names = "--suite", paramLabel = "SUITE.yaml",
            description = "A suite file naming datasets, prompts, scorers and modes (paths relative to it).")
    Path suite;

    @Mixin
    EndpointOptions backend;

    @Option(names = "--mode", paramLabel = "MODE", split = ",(?!\\d)", splitSynopsisLabel = ",",
            description = "sere, pacore:K (or pacore:low|medium|high), rounds:a,b, majority:K, best-of:K; repeatable "
                    + "or comma-separated. Default: the suite's modes, else sere.")
    List<String> modes;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Items in flight at once (each may send several requests). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Most tokens per reply (per rollout with PaCoRe). Default: the suite's, else 8192.")
    Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (0 = greedy). Default: the suite's, else 1.0.")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling mass. Default: the suite's, else 1.0.")
    Double topP;

    @Option(names = "--top-k", paramLabel = "K", description = "Top-k sampling (0 = off). Default: the suite's, else 0.")
    Integer topK;

    // Two plain flags, not one negatable Boolean: unset must stay apart from false (the suite decides),
    // and the host's toggling boolean flags cannot negate a null.
    @Option(names = "--think", description = "Thinking mode on. Default: the suite's, else on.")
    boolean think;

    @Option(names = "--no-think", description = "Answer directly, without a reasoning phase.")
    boolean noThink;

    @Option(names = "--max-context", paramLabel = "TOKENS", defaultValue = "0",
            description = "PaCoRe: context limit for synthesis prompts (prompt + max-tokens); 0 = none. Default: ${DEFAULT-VALUE}.")
    int maxContext;

    @Option(names = "--scorer", paramLabel = "NAME",
            description = "Scorer for every dataset, overriding the suite: auto, choice, numeric, exact, anls, math, iou, "
                    + "iou@T, point, point-distance.")
    String scorer;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate at most N items per dataset.")
    Integer limit;

    @Option(names = "--verifier", paramLabel = "NAME",
            description = "How best-of:K chooses: self-consistency, judge (needs --judge-endpoint) or oracle (pass@K). "
                    + "Default: the suite's, else self-consistency.")
    String verifier;

    @Option(names = "--judge-endpoint", paramLabel = "URL", description = "OpenAI-compatible endpoint of the judge model.")
    String judgeEndpoint;

    @Option(names = "--judge-model", paramLabel = "NAME", description = "Judge model name on --judge-endpoint.")
    String judgeModel;

    @Option(names = "--judge-api-key-env", paramLabel = "VAR", description = "Environment variable with the judge's API key.")
    String judgeApiKeyEnv;

    @Option(names = "--score-reasoning",
            description = "Score whole replies, reasoning included. Default: the suite's, else only the answer "
                    + "after the last </think>.")
    boolean scoreReasoning;

    @Option(names = "--no-score-reasoning", description = "Score only the answer after the last </think>.")
    boolean noScoreReasoning;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the 95%% confidence intervals. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Override
    public String group() {
        return StageCommand.INFERENCE_AND_EVALUATION;
    }

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        RunConfig config = config(ctx);
        Path out = config.outDir();
        // Items in flight times the widest PaCoRe round: the most requests the endpoint may see at once.
        int widest = config.modes().stream().mapToInt(m -> m instanceof Mode.PaCoRe p
                ? p.rounds().stream().mapToInt(Integer::intValue).max().orElse(1) : 1).max().orElse(1);
        try (ChatBackend model = Backends.open(backend.spec(ctx.device().toString(), config.concurrency() * widest));
             ChatBackend judge = config.verifier() == Verifier.JUDGE ? openJudge(config.concurrency()) : null) {
            ctx.info("eval: " + model.describe() + "; " + config.datasets().size() + " dataset(s); modes "
                    + String.join(", ", config.modes().stream().map(Mode::spec).toList()) + "; output " + out);
            ctx.writeEffectiveConfig(out.resolve("config.yaml"));
            Evaluation.Outcome outcome = Evaluation.run(config, model, judge, ctx::warn);
            if (ctx.json()) {
                ctx.printJson(outcome.results());
            } else {
                ctx.stdout().print(ResultsWriter.markdown(outcome.info(), outcome.summaries()));
                ctx.stdout().println();
                ctx.stdout().println("wrote " + out.resolve("report.html") + " and results.json, results.md, "
                        + "scores.jsonl, predictions.jsonl");
                ctx.stdout().flush();
            }
        }
        return ExitCode.OK;
    }

    private ChatBackend openJudge(int concurrency) {
        if (judgeEndpoint == null) {
            throw new UserError("--verifier judge: name the judge with --judge-endpoint URL (and --judge-model NAME)");
        }
        return Backends.open(backend.endpoint(judgeEndpoint, judgeModel, judgeApiKeyEnv, concurrency, "--judge-endpoint"));
    }

    /** Flags over the suite over defaults, validated before any backend is opened. */
    RunConfig config(StageContext ctx) {
        if ((data == null || data.isEmpty()) == (suite == null)) {
            throw new UserError("--data/--suite: give item files with --data or a suite file with --suite (not both)");
        }
        Suite s = suite == null ? null : Suite.load(suite);
        List<DatasetSpec> datasets = new ArrayList<>();
        if (s != null) {
            datasets.addAll(s.datasets());
        } else {
            for (Path p : data) {
                if (!Files.isRegularFile(p)) {
                    throw UserError.at(p, "no such file (expected a .jsonl or .tsv item file)");
                }
                DatasetFormat.of(null, p);
                datasets.add(DatasetSpec.of(p));
            }
            long distinct = datasets.stream().map(DatasetSpec::name).distinct().count();
            if (distinct < datasets.size()) {
                throw new UserError("--data: two files have the same name; put them in a suite to name them apart");
            }
        }
        if (scorer != null) {
            ScorerRegistry.create(scorer);
            datasets.replaceAll(d -> d.withScorer(scorer, Map.of()));
        }
        if (limit != null) {
            if (limit < 1) {
                throw new UserError("--limit: expected at least 1 item, got " + limit);
            }
            datasets.replaceAll(d -> d.withLimit(limit));
        }
        List<String> modeSpecs = modes != null && !modes.isEmpty() ? modes
                : s != null && !s.modes().isEmpty() ? s.modes() : List.of("sere");
        List<Mode> parsedModes = Mode.parseAll(modeSpecs);
        if (concurrency < 1) {
            throw new UserError("--concurrency: expected at least 1, got " + concurrency);
        }
        if (bootstrap < 100) {
            throw new UserError("--bootstrap: expected at least 100 resamples, got " + bootstrap);
        }
        Map<String, Object> suiteSampling = s == null ? Map.of() : s.sampling();
        SamplingParams sampling;
        try {
            sampling = new SamplingParams(
                    pick(temperature, suiteSampling.get("temperature"), 1.0),
                    pick(topP, suiteSampling.get("top_p"), 1.0),
                    (int) pick(topK == null ? null : topK.doubleValue(), suiteSampling.get("top_k"), 0),
                    pick(null, suiteSampling.get("min_p"), 0.0),
                    pick(null, suiteSampling.get("repetition_penalty"), 1.0),
                    (int) pick(maxTokens == null ? null : maxTokens.doubleValue(), suiteSampling.get("max_tokens"), 8192),
                    0, List.of(),
                    thinkFlag().orElse(suiteSampling.get("thinking") instanceof Boolean b ? b : true));
        } catch (IllegalArgumentException e) {
            throw new UserError("sampling: " + e.getMessage());
        }
        Verifier v = Verifier.parse(verifier != null ? verifier : s != null && s.verifier() != null ? s.verifier()
                : "self-consistency");
        boolean reasoning = flag("score-reasoning", scoreReasoning, noScoreReasoning)
                .orElse(s != null && s.scoreReasoning() != null && s.scoreReasoning());
        long seed = ctx.seed().isPresent() ? ctx.seedOr(0) : s != null && s.seed() != null ? s.seed() : 0;
        if (maxContext < 0) {
            throw new UserError("--max-context: expected tokens >= 0 (0 = no limit), got " + maxContext);
        }
        Path out = ctx.outOr(Path.of("runs", "eval"));
        return new RunConfig(datasets, parsedModes, sampling, maxContext, seed, concurrency, reasoning, v, out, bootstrap,
                20, 5);
    }

    private static double pick(Double flag, Object suiteValue, double fallback) {
        if (flag != null) {
            return flag;
        }
        if (suiteValue instanceof Number n) {
            return n.doubleValue();
        }
        return fallback;
    }

    private Optional<Boolean> thinkFlag() {
        return flag("think", think, noThink);
    }

    /** A --X / --no-X pair: empty when neither was given (the suite decides), a usage error when both were. */
    private static Optional<Boolean> flag(String name, boolean on, boolean off) {
        if (on && off) {
            throw new UserError("--" + name + " and --no-" + name + ": give at most one");
        }
        return on ? Optional.of(true) : off ? Optional.of(false) : Optional.empty();
    }
}
