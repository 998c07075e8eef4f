package io.step3vl.plugins.tokenize;

import io.step3vl.common.ExitCode;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code step3vl tokenizer}: make tokenizers (train byte-level BPE, write the toy tokenizer). */
@Extension
@Command(name = "tokenizer",
        description = {"Make tokenizers: train byte-level BPE merges, or write the toy tokenizer."},
        subcommands = {TokenizerTrainCommand.class, TokenizerToyCommand.class},
        footer = {"%nExamples:",
            "  step3vl tokenizer train --corpus shapes/sft.jsonl --vocab-size 512 --out my-tokenizer",
            "  step3vl tokenizer toy --out ckpt/",
            "  step3vl tokenizer train --help"})
public final class TokenizerCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    /** Without a subcommand: the usage, as a hint, and a usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
