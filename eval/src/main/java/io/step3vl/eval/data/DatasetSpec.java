package io.step3vl.eval.data;

import io.step3vl.eval.score.AnswerType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One dataset of a run: where it is, how to read it, how to prompt and how to score it.
 *
 * @param name          the name reports use (defaults to the file name without extension)
 * @param path          the item file
 * @param format        JSONL or TSV
 * @param scorer        a {@link io.step3vl.eval.score.ScorerRegistry} name ({@code auto} by default)
 * @param scorerOptions options for the scorer
 * @param prompt        how rows become prompts; null = the format's default (TSV: MCQ/open, JSONL: as written)
 * @param system        a system message prepended to every item; null for none
 * @param answerType    overrides every item's answer type; null keeps each item's own
 * @param limit         read at most this many items (0 = all)
 */
public record DatasetSpec(String name, Path path, DatasetFormat format, String scorer, Map<String, Object> scorerOptions,
                          PromptTemplate prompt, String system, AnswerType answerType, int limit) {
    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        scorer = scorer == null ? "auto" : scorer;
        scorerOptions = scorerOptions == null ? Map.of() : Map.copyOf(scorerOptions);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    /** A dataset with every default: the name from the file, format from the extension, auto scorer. */
    public static DatasetSpec of(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new DatasetSpec(dot > 0 ? file.substring(0, dot) : file, path, DatasetFormat.of(null, path), "auto",
                Map.of(), null, null, null, 0);
    }

    public DatasetSpec withLimit(int n) {
        return new DatasetSpec(name, path, format, scorer, scorerOptions, prompt, system, answerType, n);
    }

    public DatasetSpec withScorer(String newScorer, Map<String, Object> options) {
        return new DatasetSpec(name, path, format, newScorer, options, prompt, system, answerType, limit);
    }

    public DatasetSpec withPrompt(PromptTemplate template) {
        return new DatasetSpec(name, path, format, scorer, scorerOptions, template, system, answerType, limit);
    }
}
