package io.step3vl.plugins.data;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import io.step3vl.shapes.GenerationSummary;
import io.step3vl.shapes.OutputFormat;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import io.step3vl.shapes.output.ShardCompression;
import io.step3vl.shapes.tasks.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl data shapes}: flags → {@link ShapesConfig} → {@link ShapesGenerator#generate}. */
@Command(name = "shapes",
        description = {"Generate the shapes world: procedural images of coloured shapes and short text with their "
                + "scene graphs, as pre-training captions, interleaved and text-only documents, SFT conversations "
                + "(with and without reasoning), RL prompts and a held-out benchmark.",
            "Same --seed and options give byte-identical files. Writes JSONL + PNG, WebDataset tar shards, or both."},
        footer = {"%nExamples:",
            "  step3vl data shapes --out data/shapes --seed 1 --n 1000",
            "  step3vl data shapes --out data/shapes --seed 1 --n 200 --tasks counting,colour --bench-per-category 100",
            "  step3vl data shapes --out data/shapes-wds --seed 7 --n 20000 --format both --compression zstd",
            "  step3vl data shapes --out data/shapes --n 100 --dry-run"})
public final class ShapesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000",
            description = "Training scenes (one caption and one SFT conversation each). Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "224",
            description = "Image side in pixels (224 = the tiny model's global view). Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--format", paramLabel = "jsonl|wds|both", defaultValue = "jsonl",
            description = "JSONL + PNG files, WebDataset tar shards, or both. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--compression", paramLabel = "none|gzip|zstd", defaultValue = "none",
            description = "Shard compression: .tar, .tar.gz or .tar.zst. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "1000",
            description = "Samples per WebDataset shard. Default: ${DEFAULT-VALUE}.")
    int shardSize;

    @Option(names = "--rl-n", paramLabel = "N", description = "RL prompts. Default: n/4.")
    Integer rlN;

    @Option(names = "--bench-per-category", paramLabel = "N", defaultValue = "100",
            description = "Held-out benchmark items per category. Default: ${DEFAULT-VALUE}.")
    int benchPerCategory;

    @Option(names = "--docs-n", paramLabel = "N", description = "Interleaved multi-image documents. Default: n/5.")
    Integer docsN;

    @Option(names = "--text-n", paramLabel = "N", description = "Text-only pre-training documents. Default: n.")
    Integer textN;

    @Option(names = "--text-sft-n", paramLabel = "N", description = "Text-only SFT conversations. Default: n.")
    Integer textSftN;

    @Option(names = "--think-ratio", paramLabel = "P", defaultValue = "0.5",
            description = "Share of SFT conversations with a reasoning trace. Default: ${DEFAULT-VALUE}.")
    double thinkRatio;

    @Option(names = "--choice-ratio", paramLabel = "P", defaultValue = "0.25",
            description = "Share of colour/shape questions asked as multiple choice. Default: ${DEFAULT-VALUE}.")
    double choiceRatio;

    @Option(names = "--max-overlap", paramLabel = "F", defaultValue = "0.1",
            description = "Largest overlap between two objects (share of the smaller box). Default: ${DEFAULT-VALUE}.")
    double maxOverlap;

    @Option(names = "--noise", paramLabel = "P", defaultValue = "0.05",
            description = "Share of pixels speckled with grey noise. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--max-objects", paramLabel = "N", defaultValue = "5",
            description = "Most objects in a scene; counting answers range over 0..N. Default: ${DEFAULT-VALUE}.")
    int maxObjects;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "0",
            description = "Put each object in its own cell of an NxN grid (0: anywhere). A grid matching the "
                    + "model's image tokens (4 for tiny at 224 px) is an easier world for small models. "
                    + "Default: ${DEFAULT-VALUE}.")
    int grid;

    @Option(names = "--tasks", paramLabel = "TASK", split = ",",
            description = "Question families to generate: counting, colour, shape, spatial, grounding, pointing, "
                    + "ocr, arithmetic. Default: all.")
    List<String> tasks;

    @Option(names = "--threads", paramLabel = "N",
            description = "Rendering threads (the output does not depend on it). Default: one per core.")
    Integer threads;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        Path out = ctx.out().orElseThrow(() -> new UserError("--out: expected the directory to write the dataset to"));
        ShapesConfig config = toConfig(ctx.seedOr(0));
        GenerationSummary summary = new ShapesGenerator(config).generate(out);
        if (ctx.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("out", out.toString());
            result.put("records", summary.records());
            result.put("images", summary.images());
            result.put("image_bytes", summary.imageBytes());
            result.put("seconds", round(summary.seconds()));
            result.put("images_per_second", round(summary.imagesPerSecond()));
            result.put("tasks", summary.taskCounts());
            ctx.printJson(result);
        } else {
            ctx.stdout().printf(Locale.ROOT, "wrote %s: %d images (%.1f MB) in %.1f s (%.0f images/s)%n", out,
                    summary.images(), summary.imageBytes() / 1e6, summary.seconds(), summary.imagesPerSecond());
            summary.records().forEach((name, count) -> ctx.stdout().printf(Locale.ROOT, "  %-22s %d%n", name, count));
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }

    ShapesConfig toConfig(long seed) {
        ShapesConfig.Builder b = ShapesConfig.builder(seed, n).imageSize(imageSize)
                .format(parse("format", () -> OutputFormat.parse(format)))
                .compression(parse("compression", () -> ShardCompression.parse(compression)))
                .shardSize(shardSize).benchPerCategory(benchPerCategory).thinkRatio(thinkRatio)
                .choiceRatio(choiceRatio).maxOverlap(maxOverlap).noise(noise).maxObjects(maxObjects).grid(grid);
        if (rlN != null) {
            b.rlN(rlN);
        }
        if (docsN != null) {
            b.docsN(docsN);
        }
        if (textN != null) {
            b.textN(textN);
        }
        if (textSftN != null) {
            b.textSftN(textSftN);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (tasks != null && !tasks.isEmpty()) {
            List<Task> parsed = new ArrayList<>();
            for (String t : tasks) {
                Task task = parse("tasks", () -> Task.parse(t));
                if (!parsed.contains(task)) {
                    parsed.add(task);
                }
            }
            b.tasks(parsed);
        }
        try {
            return b.build();
        } catch (UserError e) {
            throw new UserError("--" + e.getMessage(), e); // the library names the key; here it is a flag
        }
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + flag + ": " + e.getMessage());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
