package io.step3vl.plugins.tokenize;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import io.step3vl.tokenizer.toy.TokenizerTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl tokenizer train}: byte-level BPE on a corpus, written as a toolkit tokenizer. */
@Command(name = "train",
        description = {"Learn byte-level BPE merges on a corpus and write a tokenizer directory.",
            "Qwen3-style pre-tokenization (NFC, its split regex, single digits). Ids: 0-255 the bytes, then "
                + "the merges, then the toolkit's 16 special tokens (<|endoftext|>, <|im_start|>, <|im_end|>, "
                + "<think>, </think>, the image markers, 5 reserved). Writes tokenizer.json, "
                + "tokenizer_config.json (with the ChatML template) and chat_template.jinja. Corpus files: "
                + "plain text, or JSONL with text / content / messages (optionally .gz)."},
        footer = {"%nExamples:",
            "  step3vl tokenizer train --corpus shapes/pretrain-text.jsonl --corpus shapes/sft.jsonl --vocab-size 512 --out tok",
            "  step3vl tokenizer train --corpus book.txt --vocab-size 4096 --min-frequency 5 --out tok --json"})
public final class TokenizerTrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Training text; repeatable.")
    List<Path> corpus = new ArrayList<>();

    @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "512",
            description = "Total ids including the 16 special tokens (at least 272). Default: ${DEFAULT-VALUE}.")
    int vocabSize;

    @Option(names = "--min-frequency", paramLabel = "N", defaultValue = "2",
            description = "Never merge a pair seen fewer times. Default: ${DEFAULT-VALUE}.")
    long minFrequency;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        Path out = ctx.out().orElseThrow(() -> new UserError("--out: required: the directory to write the tokenizer to"));
        TokenizerTraining.Result result = TokenizerTraining.train(corpus, vocabSize, minFrequency, out);
        if (ctx.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("out", result.out().toString());
            json.put("documents", result.documents());
            json.put("distinct_pieces", result.distinctPieces());
            json.put("merges", result.merges());
            json.put("vocab_size", result.vocabSize());
            ctx.printJson(json);
        } else {
            ctx.stdout().printf("wrote %s: %d ids (256 bytes + %d merges + 16 special tokens) from %d documents "
                    + "(%d distinct pieces)%n", result.out(), result.vocabSize(), result.merges(), result.documents(),
                    result.distinctPieces());
            if (result.vocabSize() < vocabSize) {
                ctx.warn("the corpus supported only " + result.merges() + " merges at --min-frequency "
                        + minFrequency + "; the vocabulary has " + result.vocabSize() + " ids, not " + vocabSize);
            }
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
