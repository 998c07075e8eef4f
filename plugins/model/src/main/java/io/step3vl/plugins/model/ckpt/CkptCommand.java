package io.step3vl.plugins.model.ckpt;

import io.step3vl.common.ExitCode;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code step3vl ckpt}: the checkpoint tools; the work is in the subcommands. */
@Extension
@Command(name = "ckpt", mixinStandardHelpOptions = true,
        description = {"Inspect, verify, pack and unpack checkpoint directories.",
            "A checkpoint is a Hugging Face-layout directory (config.json, model.safetensors or "
                + "model-0000N.safetensors shards + index, tokenizer files) plus step3vl.json provenance "
                + "and, when resumable, trainer_state/. See docs/checkpoint-format.md."},
        subcommands = {InspectCommand.class, VerifyCommand.class, PackCommand.class, UnpackCommand.class},
        footer = {"%nExamples:",
            "  step3vl ckpt inspect runs/sft/checkpoints/step-00001200",
            "  step3vl ckpt verify models/tiny",
            "  step3vl ckpt pack models/tiny tiny.tar.zst",
            "  step3vl ckpt unpack tiny.tar.zst models/tiny-copy"})
public final class CkptCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    @Spec
    CommandSpec spec;

    /** No subcommand given: the usage on stderr, as a usage error (like the root command). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Options given before the subcommand ({@code step3vl ckpt --json inspect DIR}) count too. */
    boolean json(CommonOptions leaf) {
        return leaf.json() || common.json();
    }

    boolean verbose(CommonOptions leaf) {
        return leaf.verbose() || common.verbose();
    }
}
