package io.step3vl.tokenizer.toy;

import io.step3vl.common.UserError;
import io.step3vl.tokenizer.bpe.BpeModel;
import io.step3vl.tokenizer.bpe.BpeTrainer;
import io.step3vl.tokenizer.bpe.CorpusTexts;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code step3vl tokenizer train}: learns byte-level BPE merges on corpus files and writes a toolkit
 * tokenizer (ids: 256 bytes, the merges, then the 16 special tokens) into a directory.
 */
public final class TokenizerTraining {
    /** What a training run read and produced. */
    public record Result(Path out, long documents, int distinctPieces, int merges, int vocabSize) {}

    private TokenizerTraining() {}

    /** The smallest total vocabulary: the 256 bytes and the special tokens, no merges. */
    public static int minVocabSize() {
        return 256 + ToolkitTokenizerWriter.SPECIAL_TOKENS.size();
    }

    /**
     * @param vocabSize    total ids including the 16 special tokens (the embedding size, e.g. 512)
     * @param minFrequency a pair seen fewer times than this is never merged (so small corpora may
     *                     end with fewer merges and a smaller vocabulary)
     */
    public static Result train(List<Path> corpus, int vocabSize, long minFrequency, Path out) {
        if (corpus.isEmpty()) {
            throw new UserError("--corpus: expected at least one text or JSONL file");
        }
        if (vocabSize < minVocabSize()) {
            throw new UserError("--vocab-size: expected at least " + minVocabSize()
                    + " (256 bytes + " + ToolkitTokenizerWriter.SPECIAL_TOKENS.size() + " special tokens), got " + vocabSize);
        }
        if (minFrequency < 1) {
            throw new UserError("--min-frequency: expected at least 1, got " + minFrequency);
        }
        BpeTrainer trainer = new BpeTrainer();
        long documents = 0;
        for (Path file : corpus) {
            documents += CorpusTexts.read(file, trainer::add);
        }
        if (trainer.distinctPieces() == 0) {
            throw new UserError("--corpus: the files hold no text");
        }
        BpeModel model = trainer.train(vocabSize - ToolkitTokenizerWriter.SPECIAL_TOKENS.size(), minFrequency);
        ToolkitTokenizerWriter.write(out, model);
        return new Result(out, documents, trainer.distinctPieces(), model.merges().size(),
                model.size() + ToolkitTokenizerWriter.SPECIAL_TOKENS.size());
    }
}
