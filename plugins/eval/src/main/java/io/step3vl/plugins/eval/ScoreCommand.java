package io.step3vl.plugins.eval;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.report.Rescorer;
import io.step3vl.eval.report.ResultsWriter;
import io.step3vl.eval.run.Verifier;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl eval score}: re-scores saved predictions without generating anything. */
@Command(name = "score",
        description = "Score saved predictions again (another scorer, options, or reasoning policy) without generating. "
                + "Writes scores.jsonl, results.json, results.md and report.html.",
        footer = {"%nExamples:",
            "  step3vl eval score --predictions runs/e1/predictions.jsonl",
            "  step3vl eval score --predictions runs/e1/predictions.jsonl --scorer numeric --scorer-option rel_tol=0.05",
            "  step3vl eval score --predictions runs/e1/predictions.jsonl --score-reasoning --out runs/e1-whole --json"})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Option(names = "--predictions", paramLabel = "FILE", required = true,
            description = "predictions.jsonl of a run (its results.json, when beside it, supplies each dataset's scorer).")
    Path predictions;

    @Option(names = "--scorer", paramLabel = "NAME", description = "Scorer for every dataset instead of the run's.")
    String scorer;

    @Option(names = "--scorer-option", paramLabel = "KEY=VALUE", description = "An option for --scorer, e.g. rel_tol=0.05 (repeatable).")
    Map<String, String> scorerOptions;

    @Option(names = "--score-reasoning", description = "Score whole replies, reasoning included.")
    boolean scoreReasoning;

    @Option(names = "--verifier", paramLabel = "NAME", defaultValue = "self-consistency",
            description = "How best-of predictions without a judge's choice are decided: self-consistency or oracle. "
                    + "Default: ${DEFAULT-VALUE}.")
    String verifier;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000", description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        if (!Files.isRegularFile(predictions)) {
            throw UserError.at(predictions, "no such file (expected a run's predictions.jsonl)");
        }
        if (scorerOptions != null && !scorerOptions.isEmpty() && scorer == null) {
            throw new UserError("--scorer-option: only applies with --scorer");
        }
        if (bootstrap < 100) {
            throw new UserError("--bootstrap: expected at least 100 resamples, got " + bootstrap);
        }
        Path dir = predictions.toAbsolutePath().getParent();
        Path out = ctx.outOr(dir.resolve("rescored"));
        Rescorer rescorer = new Rescorer(scorer, scorerOptions == null ? Map.of() : new LinkedHashMap<>(scorerOptions),
                scoreReasoning, Verifier.parse(verifier));
        Evaluation.Outcome outcome = Evaluation.score(predictions, out, rescorer, bootstrap, 5);
        if (ctx.json()) {
            ctx.printJson(outcome.results());
        } else {
            ctx.stdout().print(ResultsWriter.markdown(outcome.info(), outcome.summaries()));
            ctx.stdout().println();
            ctx.stdout().println("wrote " + out.resolve("results.json") + " and scores.jsonl, results.md, report.html");
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
