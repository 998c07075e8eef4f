package io.step3vl.plugins.eval;

import io.step3vl.common.ExitCode;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.report.RunComparison;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code step3vl eval compare RUN_A RUN_B}: paired per-dataset and per-category deltas with significance. */
@Command(name = "compare",
        description = "Compare two runs item by item: per dataset and category, B minus A with McNemar's exact test "
                + "(0/1 scores) or a paired bootstrap (continuous), and the items that flipped.",
        footer = {"%nExamples:",
            "  step3vl eval compare runs/sere runs/pacore",
            "  step3vl eval compare runs/base/scores.jsonl runs/sft/scores.jsonl --json",
            "  step3vl eval compare runs/a runs/b --out runs/a-vs-b"})
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline: a run directory or its scores.jsonl.")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The candidate: a run directory or its scores.jsonl.")
    Path runB;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "2000", description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        RunComparison.Comparison c = Evaluation.compare(runA, runB, ctx.out().orElse(null), Math.max(100, bootstrap),
                ctx.seedOr(0));
        if (ctx.json()) {
            ctx.printJson(c);
        } else {
            ctx.stdout().print(RunComparison.markdown(c));
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
