package io.step3vl.plugins.data;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.ImageCheck;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.DataCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code step3vl data check}: flags → {@link DataCheck#run}; prints what the training readers see. */
@Command(name = "check",
        description = {"Read data files once as training would (JSONL, .jsonl.gz/.zst, WebDataset .tar/.tar.gz/.tar.zst) "
                + "and report what is there: samples by type, images, reasoning traces, eval categories.",
            "Each bad record (malformed JSON, missing field, unreadable image) is reported with its file and line or "
                + "tar sample; more than --max-bad fails with exit code 2."},
        footer = {"%nExamples:",
            "  step3vl data check data/shapes/sft.jsonl --kind sft",
            "  step3vl data check data/shapes/wds --image-check decode --workers 2",
            "  step3vl data check data/shapes/bench.jsonl --kind prompt --json"})
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples.")
    boolean help;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Data files or directories of them.")
    List<Path> paths;

    @Option(names = "--kind", paramLabel = "any|pretrain|sft|prompt", defaultValue = "any",
            description = "What every record must be. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--image-check", paramLabel = "none|exists|header|decode", defaultValue = "header",
            description = "How much to check each image (decode reads every pixel). Default: ${DEFAULT-VALUE}.")
    String imageCheck;

    @Option(names = "--max-bad", paramLabel = "N", defaultValue = "100",
            description = "Bad records to report before giving up. Default: ${DEFAULT-VALUE}.")
    long maxBad;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Reader threads. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        SampleKind sampleKind = parse("kind", () -> SampleKind.parse(kind));
        ImageCheck check = parse("image-check", () -> ImageCheck.valueOf(imageCheck.trim().toUpperCase(Locale.ROOT)));
        if (workers < 1) {
            throw new UserError("--workers: expected at least 1, got " + workers);
        }
        BadRecords bad = new BadRecords(maxBad, ctx::warn);
        DataCheck.Report r = DataCheck.run(paths, sampleKind, check, workers, bad);
        if (ctx.json()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("files", r.files());
            out.put("samples", r.total());
            out.put("by_type", r.samples());
            out.put("with_images", r.withImages());
            out.put("images", r.images());
            out.put("with_reasoning", r.withReasoning());
            out.put("prompts", r.prompts());
            out.put("categories", r.categories());
            out.put("bad_records", r.badRecords());
            out.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            ctx.printJson(out);
        } else {
            var o = ctx.stdout();
            o.printf(Locale.ROOT, "%d samples in %d file(s), %d bad record(s) skipped (%.1f s, %.0f samples/s)%n",
                    r.total(), r.files(), r.badRecords(), r.seconds(), r.samplesPerSecond());
            r.samples().forEach((type, n) -> o.printf(Locale.ROOT, "  %-10s %d%n", type, n));
            o.printf(Locale.ROOT, "  images: %d in %d samples; reasoning traces: %d%n", r.images(), r.withImages(),
                    r.withReasoning());
            if (r.prompts() > 0) {
                o.printf(Locale.ROOT, "  prompts with answers: %d; categories: %s%n", r.prompts(), r.categories());
            }
            o.flush();
        }
        return ExitCode.OK;
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + flag + ": unknown value; see --help for the choices");
        }
    }
}
