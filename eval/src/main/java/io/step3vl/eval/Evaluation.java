package io.step3vl.eval;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.eval.report.Rescorer;
import io.step3vl.eval.report.ResultsWriter;
import io.step3vl.eval.report.RunComparison;
import io.step3vl.eval.report.RunFiles;
import io.step3vl.eval.report.Summaries;
import io.step3vl.eval.report.Summary;
import io.step3vl.eval.run.EvalRunner;
import io.step3vl.eval.run.RunConfig;
import io.step3vl.eval.run.RunInfo;
import io.step3vl.eval.run.RunResult;
import io.step3vl.inference.ChatBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The three things {@code step3vl eval} does, each ending in files under an output directory. */
public final class Evaluation {
    private Evaluation() {}

    /** What a run or a re-score produced; {@code results} is the object results.json holds. */
    public record Outcome(RunInfo info, List<Summary> summaries, Map<String, Object> results, Path outDir) {}

    /**
     * Generates (or reuses cached) predictions for every dataset and mode, scores them and writes
     * predictions.jsonl, scores.jsonl, results.json, results.md and report.html under the run's outDir.
     */
    public static Outcome run(RunConfig config, ChatBackend backend, ChatBackend judge, Consumer<String> warnings) {
        RunResult result = new EvalRunner(config, backend, judge, warnings).run();
        List<Summary> summaries = Summaries.compute(result.info(), result.items(), config.bootstrapResamples());
        ResultsWriter.writeAll(config.outDir(), result.info(), result.items(), summaries, result.failures());
        return new Outcome(result.info(), summaries, ResultsWriter.resultsObject(result.info(), summaries), config.outDir());
    }

    /** Re-scores saved predictions into {@code outDir} (scores.jsonl, results.json/.md, report.html). */
    public static Outcome score(Path predictions, Path outDir, Rescorer rescorer, int resamples, int failureExamples) {
        Rescorer.Result r = rescorer.rescore(predictions, failureExamples);
        List<Summary> summaries = Summaries.compute(r.info(), r.items(), resamples);
        ResultsWriter.writeAll(outDir, r.info(), r.items(), summaries, r.failures());
        return new Outcome(r.info(), summaries, ResultsWriter.resultsObject(r.info(), summaries), outDir);
    }

    /** Compares two runs (directories with scores.jsonl, or the files); writes compare.json/.md when {@code outDir} is set. */
    public static RunComparison.Comparison compare(Path runA, Path runB, Path outDir, int resamples, long seed) {
        RunComparison.Comparison c = RunComparison.compare(runA.toString(), RunFiles.readScores(runA), runB.toString(),
                RunFiles.readScores(runB), resamples, seed);
        if (outDir != null) {
            AtomicFiles.writeString(outDir.resolve("compare.json"), Json.pretty(c) + "\n");
            AtomicFiles.writeString(outDir.resolve("compare.md"), RunComparison.markdown(c));
        }
        return c;
    }
}
