package io.step3vl.plugins.pretrain;

import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugins.training.TrainOptions;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl pretrain}. */
@Extension
@Command(name = "pretrain",
        description = {"Pre-train: next-token loss on every text token (never on image placeholders), the whole model unfrozen as in the paper.",
            TrainOptions.RESUMABLE_HELP},
        footer = {"%nExamples:",
            "  step3vl pretrain --model ckpt/tiny --data data/shapes/pretrain-captions.jsonl --data data/shapes/pretrain-text.jsonl --steps 300 --out runs/pretrain",
            "  step3vl pretrain --config examples/recipes/shapes-pretrain.yaml",
            "  step3vl pretrain --config examples/recipes/step3vl-10b-pretrain.yaml --dry-run",
            "  step3vl pretrain --config RECIPE                         # run again: continues after a stop"})
public final class PretrainCommand implements StageCommand, Callable<Integer> {
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
        return train.run("pretrain", common.context());
    }
}
