package io.step3vl.plugins.model.ckpt;

import io.step3vl.checkpoint.CheckpointSummary;
import io.step3vl.common.ExitCode;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code step3vl ckpt inspect DIR}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Summarise a checkpoint: parameters, bytes and dtypes per component (vision, "
                + "projector incl. the downsampler convolutions, decoder; by tensor-name prefix), weight "
                + "files, size on disk, provenance and trainer state. Reads headers only.",
            "With -v every tensor is listed with its dtype and shape."},
        footer = {"%nExamples:",
            "  step3vl ckpt inspect models/tiny",
            "  step3vl ckpt inspect -v models/Step3-VL-10B",
            "  step3vl ckpt inspect runs/sft/checkpoints/step-00001200 --json",
            "  step3vl ckpt inspect models/Step3-VL-10B --fingerprint"})
public final class InspectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ParentCommand
    CkptCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint directory.")
    Path dir;

    @Option(names = "--fingerprint",
            description = "Also compute the model fingerprint of a checkpoint without step3vl.json "
                    + "(hashes every file: slow for large models).")
    boolean fingerprint;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        CheckpointSummary summary = CheckpointSummary.of(dir, fingerprint);
        boolean verbose = parent.verbose(common);
        if (parent.json(common)) {
            ctx.printJson(summary.toJson(verbose));
        } else {
            ctx.stdout().print(summary.render(verbose));
        }
        ctx.stdout().flush();
        return ExitCode.OK;
    }
}
