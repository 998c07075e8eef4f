import io.step3vl.eval.report.Rescorer;
import io.step3vl.eval.run.Prediction;
import io.step3vl.eval.run.PredictionCache;
import io.step3vl.eval.run.PredictionScoring;
import io.step3vl.eval.run.Sample;
import io.step3vl.eval.run.SavedReference;
import io.step3vl.eval.run.Verifier;
import io.step3vl.eval.score.ScorerRegistry;
import io.step3vl.eval.score.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scoring throughput over saved predictions (issue 7: "items/s for scoring 100k saved predictions").
 * Writes N synthetic but realistic predictions (seven answer types, ~1.5 KB of reasoning each,
 * right or wrong, in the spellings models use) to a predictions.jsonl, then times
 *  (a) pure scoring of in-memory predictions (what an RL reward loop pays per rollout), and
 *  (b) eval score end to end: reading, parsing and scoring the file (what `step3vl eval score` pays).
 * Usage: java -cp CLASSPATH bench/eval/ScoringBench.java [N] [WORK_DIR]
 */
public class ScoringBench {
    static final String[] TYPES = {"choice", "number", "math", "text", "ocr", "box", "point"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("scoring-bench");
        Path file = dir.resolve("predictions.jsonl");
        Files.deleteIfExists(file);
        SplittableRandom rnd = new SplittableRandom(1);
        List<Prediction> predictions = new ArrayList<>(n);
        PredictionCache cache = PredictionCache.open(file);
        String reasoning = "Let me look at the image carefully. ".repeat(40);
        for (int i = 0; i < n; i++) {
            String type = TYPES[i % TYPES.length];
            boolean right = rnd.nextDouble() < 0.7;
            String[] ref = reference(type, i);
            String answer = answer(type, ref[0], right, rnd.nextInt(3));
            Prediction p = new Prediction("k" + i, "bench-" + type, "sere", "id" + i, type, "", "question " + i,
                    new SavedReference(List.of(ref[0]), type, type.equals("choice")
                            ? Map.of("A", "circle", "B", "square", "C", "triangle", "D", "star") : Map.of(), 0, 0, "norm1000"),
                    "pf", "sf", true, i, List.of(new Sample(reasoning + "\n</think>\n\n" + answer, null, "stop", 300, 400, 1.0)),
                    null, null, null, 300, 400, 1.0, "bench");
            predictions.add(p);
            cache.put(p);
        }
        System.out.printf(Locale.ROOT, "wrote %d predictions, %.1f MB%n", n, Files.size(file) / 1e6);

        PredictionScoring scoring = new PredictionScoring(false, Verifier.SELF_CONSISTENCY);
        Scorer auto = ScorerRegistry.create("auto");
        double sum = 0;
        for (int rep = 0; rep < 3; rep++) { // warm-up passes
            sum += scoreAll(predictions, scoring, auto);
        }
        long t0 = System.nanoTime();
        int reps = 5;
        for (int rep = 0; rep < reps; rep++) {
            sum += scoreAll(predictions, scoring, auto);
        }
        double pure = (System.nanoTime() - t0) / 1e9 / reps;
        System.out.printf(Locale.ROOT, "(a) scoring in memory: %.3f s per %d items = %.0f items/s (mean score %.3f)%n",
                pure, n, n / pure, sum / (8.0 * n));

        Rescorer rescorer = new Rescorer(null, Map.of(), false, Verifier.SELF_CONSISTENCY);
        rescorer.rescore(file, 5); // warm-up
        long t1 = System.nanoTime();
        Rescorer.Result r = rescorer.rescore(file, 5);
        double whole = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "(b) eval score (read + parse + score): %.3f s per %d items = %.0f items/s%n",
                whole, r.items().size(), r.items().size() / whole);
        for (String type : TYPES) {
            List<Prediction> only = predictions.stream().filter(p -> p.reference().type().equals(type)).toList();
            long t = System.nanoTime();
            for (int rep = 0; rep < 3; rep++) {
                scoreAll(only, scoring, auto);
            }
            double s = (System.nanoTime() - t) / 1e9 / 3;
            System.out.printf(Locale.ROOT, "    %-7s %8.0f items/s%n", type, only.size() / s);
        }
    }

    static double scoreAll(List<Prediction> predictions, PredictionScoring scoring, Scorer scorer) {
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            sum += scoring.score(predictions.get(i), scorer, i, "bench").score();
        }
        return sum;
    }

    static String[] reference(String type, int i) {
        return switch (type) {
            case "choice" -> new String[] {String.valueOf("ABCD".charAt(i % 4))};
            case "number" -> new String[] {String.valueOf(i % 17)};
            case "math" -> new String[] {"\\frac{" + (i % 7 + 1) + "}{" + (i % 5 + 2) + "}"};
            case "text" -> new String[] {"red"};
            case "ocr" -> new String[] {"STEP3VL-" + (i % 100)};
            case "box" -> new String[] {"[100, 200, 400, 600]"};
            default -> new String[] {"[100, 200, 400, 600]"};
        };
    }

    static String answer(String type, String gold, boolean right, int style) {
        return switch (type) {
            case "choice" -> {
                String l = right ? gold : gold.equals("A") ? "C" : "A";
                yield style == 0 ? "The answer is (" + l + ")." : style == 1 ? "\\boxed{" + l + "}" : l + ". circle";
            }
            case "number" -> "There are " + (right ? gold : "99") + " objects in total.";
            case "math" -> right ? "So the result is $\\boxed{" + gold + "}$." : "So the result is $\\boxed{\\sqrt{2}}$.";
            case "text" -> right ? "Red." : "Blue.";
            case "ocr" -> right ? gold.toLowerCase(Locale.ROOT) : "STEP3V1-0";
            case "box" -> right ? "The box is [110, 190, 410, 590]." : "[600, 600, 900, 900]";
            default -> right ? "It is at (250, 400)." : "(900, 100)";
        };
    }
}
