import io.step3vl.common.Progress;
import io.step3vl.eval.Evaluation;
import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.report.Summary;
import io.step3vl.eval.run.Mode;
import io.step3vl.eval.run.RunConfig;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end eval throughput (issue 7): the shapes-world bench split through the local `tiny` model
 * (random weights: the answers are noise, the work is real — prompt encoding with the image, prefill,
 * decode, scoring, cache writes) at concurrency 1 and 8, in SeRe and PaCoRe modes.
 * Usage: java -cp CLASSPATH bench/eval/EndToEndBench.java WORK_DIR [benchPerCategory=4] [maxTokens=32]
 */
public class EndToEndBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int perCategory = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Progress.configure(Progress.Mode.QUIET, new PrintStream(java.io.OutputStream.nullOutputStream()));
        Path shapes = work.resolve("shapes");
        if (!Files.exists(shapes.resolve("bench.jsonl"))) {
            new ShapesGenerator(ShapesConfig.builder(1, 1).benchPerCategory(perCategory).rlN(0).docsN(0).textN(0)
                    .textSftN(0).build()).generate(shapes);
        }
        Path ckpt = work.resolve("tiny");
        if (!Files.exists(ckpt.resolve("config.json"))) {
            PresetCheckpoint.write("tiny", 0, ckpt);
        }
        DatasetSpec bench = DatasetSpec.of(shapes.resolve("bench.jsonl"));
        SamplingParams sampling = new SamplingParams(1.0, 1.0, 0, 0, 1, maxTokens, 0, List.of(), false);
        try (LocalBackend model = LocalBackend.open(ckpt, DeviceChoice.CPU)) {
            // warm-up: one small run so JIT and native init are not billed to the first figure
            run(model, bench.withLimit(2), "sere", 1, sampling, work.resolve("warmup"));
            for (String mode : List.of("sere", "pacore:4")) {
                for (int concurrency : new int[] {1, 8}) {
                    run(model, bench, mode, concurrency, sampling, work.resolve(mode.replace(':', '-') + "-c" + concurrency));
                }
            }
        }
    }

    static void run(LocalBackend model, DatasetSpec bench, String mode, int concurrency, SamplingParams sampling, Path out) {
        RunConfig cfg = RunConfig.of(List.of(bench), Mode.parseAll(List.of(mode)), sampling, out).withConcurrency(concurrency);
        Evaluation.Outcome o = Evaluation.run(cfg, model, null, w -> { });
        Summary s = o.summaries().get(0);
        System.out.printf(Locale.ROOT, "%-9s concurrency %d: %d items in %.1f s = %.2f items/s (%.0f completion tokens/item, "
                        + "latency p50 %.2f s)%n", mode, concurrency, s.n(), o.info().wallSeconds(),
                s.n() / o.info().wallSeconds(), s.tokens().completionPerItem(), s.latencyS().p50());
    }
}
