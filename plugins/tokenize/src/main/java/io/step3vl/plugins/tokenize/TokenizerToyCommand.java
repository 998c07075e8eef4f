package io.step3vl.plugins.tokenize;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import io.step3vl.tokenizer.toy.ToyTokenizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code step3vl tokenizer toy}: writes the tiny preset's tokenizer files into a directory. */
@Command(name = "toy",
        description = {"Write the toy tokenizer of the tiny preset (512 ids) into a directory.",
            "tokenizer.json, tokenizer_config.json and chat_template.jinja; existing files of those names "
                + "are replaced."},
        footer = {"%nExamples:",
            "  step3vl tokenizer toy --out ckpt/",
            "  step3vl tokenize --model ckpt/ \"a red star\" -v"})
public final class TokenizerToyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        Path out = ctx.out().orElseThrow(() -> new UserError("--out: required: the directory to write the tokenizer to"));
        ToyTokenizer.writeTo(out);
        if (ctx.json()) {
            ctx.printJson(Map.of("out", out.toString(), "vocab_size", ToyTokenizer.VOCAB_SIZE));
        } else {
            ctx.stdout().println("wrote the toy tokenizer (" + ToyTokenizer.VOCAB_SIZE + " ids) to " + out);
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
