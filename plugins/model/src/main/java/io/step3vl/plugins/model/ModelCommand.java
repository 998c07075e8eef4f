package io.step3vl.plugins.model;

import io.step3vl.common.ExitCode;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code step3vl model}: tools that run the network itself; the work is in the subcommands. */
@Extension
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Run the STEP3-VL network directly (for porters and debugging)."},
        subcommands = {ForwardCommand.class},
        footer = {"%nExamples:",
            "  step3vl model forward --model models/tiny --inputs inputs.safetensors --out out.safetensors",
            "  step3vl model forward --model ckpt --inputs pixels.safetensors --only vision --out vision.safetensors"})
public final class ModelCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    /** No subcommand: usage on stderr, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
