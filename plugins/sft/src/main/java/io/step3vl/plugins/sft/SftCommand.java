package io.step3vl.plugins.sft;

import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugins.training.TrainOptions;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl sft}. */
@Extension
@Command(name = "sft",
        description = {"Supervised fine-tuning: loss on the assistant turns after the last user turn (reasoning and <|im_end|> included, role header not), text:multimodal mixes by weight.",
            TrainOptions.RESUMABLE_HELP},
        footer = {"%nExamples:",
            "  step3vl sft --model runs/pretrain --data text=data/shapes/sft-text.jsonl@1 --data mm=data/shapes/sft.jsonl@1 --steps 300 --out runs/sft",
            "  step3vl sft --config examples/recipes/shapes-sft.yaml",
            "  step3vl sft --config examples/recipes/step3vl-10b-sft-stage1.yaml --dry-run",
            "  step3vl sft --config RECIPE                              # run again: continues after a stop"})
public final class SftCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    TrainOptions train;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Override
    public String group() {
        return "Training";
    }

    @Override
    public Integer call() {
        return train.run("sft", common.context());
    }
}
