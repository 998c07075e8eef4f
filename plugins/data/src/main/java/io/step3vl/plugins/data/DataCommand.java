package io.step3vl.plugins.data;

import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl data}: the group of data tools; the work happens in its subcommands. */
@Extension
@Command(name = "data",
        description = "Data tools: generate the shapes world (synthetic multimodal training and evaluation data), check data files.",
        subcommands = {ShapesCommand.class, CheckCommand.class},
        footer = {"%nExamples:",
            "  step3vl data shapes --out data/shapes --seed 1 --n 1000",
            "  step3vl data shapes --out data/shapes-wds --seed 1 --n 5000 --format wds --compression zstd",
            "  step3vl data check data/shapes/sft.jsonl --kind sft"})
public final class DataCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    @Override
    public Integer call() {
        throw new UserError("expected a subcommand: shapes or check (see 'step3vl data --help')");
    }
}
