package io.step3vl.shapes;

import io.step3vl.common.UserError;
import io.step3vl.shapes.output.ShardCompression;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.tasks.Task;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a shapes-world generation depends on. Field names match the CLI flags (and config
 * keys), so a validation error names what the user typed.
 *
 * @param n                 training scenes: one caption and one SFT conversation each
 * @param rlN               RL prompts (own scenes)
 * @param benchPerCategory  held-out benchmark items per category (own scenes, none equal to a training scene)
 * @param docsN             interleaved multi-image documents
 * @param textN             text-only pre-training documents
 * @param textSftN          text-only SFT conversations
 * @param thinkRatio        share of SFT conversations with a reasoning trace
 * @param choiceRatio       share of colour/shape questions asked as multiple choice
 * @param maxOverlap        largest intersection / smaller-box area between two objects
 * @param noise             share of pixels speckled with grey noise
 * @param maxObjects        most objects in a scene (counting answers range over 0..maxObjects)
 * @param grid              0: objects anywhere; N: each object in its own cell of an N×N grid (a grid
 *                          matching a model's image-token grid keeps every object inside one token)
 * @param threads           worker threads for rendering (output does not depend on it)
 */
public record ShapesConfig(long seed, int n, int imageSize, int rlN, int benchPerCategory, int docsN, int textN,
                           int textSftN, double thinkRatio, double choiceRatio, double maxOverlap, double noise,
                           int maxObjects, int grid, OutputFormat format, ShardCompression compression, int shardSize,
                           List<Task> tasks, int threads) {
    public ShapesConfig {
        tasks = List.copyOf(tasks);
        require(n >= 1, "n", "expected at least 1 training scene, got " + n);
        require(imageSize >= 64 && imageSize <= 4096, "image-size", "expected 64..4096 pixels, got " + imageSize);
        require(rlN >= 0, "rl-n", "expected 0 or more RL prompts, got " + rlN);
        require(benchPerCategory >= 0, "bench-per-category", "expected 0 or more, got " + benchPerCategory);
        require(docsN >= 0, "docs-n", "expected 0 or more documents, got " + docsN);
        require(textN >= 0, "text-n", "expected 0 or more documents, got " + textN);
        require(textSftN >= 0, "text-sft-n", "expected 0 or more conversations, got " + textSftN);
        require(thinkRatio >= 0 && thinkRatio <= 1, "think-ratio", "expected a share in [0, 1], got " + thinkRatio);
        require(choiceRatio >= 0 && choiceRatio <= 1, "choice-ratio", "expected a share in [0, 1], got " + choiceRatio);
        require(maxOverlap >= 0 && maxOverlap <= 0.5, "max-overlap", "expected a fraction in [0, 0.5], got " + maxOverlap);
        require(noise >= 0 && noise <= 1, "noise", "expected a share of pixels in [0, 1], got " + noise);
        require(maxObjects >= 2 && maxObjects <= 9, "max-objects", "expected 2..9, got " + maxObjects);
        require(grid == 0 || (grid >= 2 && imageSize / grid >= SceneSampler.MIN_CELL), "grid",
                "expected 0 (objects anywhere) or 2.." + imageSize / SceneSampler.MIN_CELL + " cells a side, got " + grid);
        require(grid == 0 || maxObjects <= grid * grid, "max-objects",
                "expected at most " + grid * grid + " objects on a " + grid + "x" + grid + " grid, got " + maxObjects);
        require(shardSize >= 1, "shard-size", "expected at least 1 sample per shard, got " + shardSize);
        require(!tasks.isEmpty(), "tasks", "expected at least one task of " + Arrays.toString(Task.values()));
        require(threads >= 1, "threads", "expected at least 1 thread, got " + threads);
        if (format == null || compression == null) {
            throw new UserError("format: expected jsonl, wds or both with a compression");
        }
    }

    /** Defaults for {@code n} training scenes; see {@link Builder} for each default. */
    public static Builder builder(long seed, int n) {
        return new Builder(seed, n);
    }

    /**
     * Defaults: 224 px images, a quarter as many RL prompts as training scenes, 100 benchmark items
     * per category, n/5 interleaved documents, n text documents and n text-only SFT conversations,
     * half the SFT conversations with reasoning, a quarter of colour/shape questions as multiple
     * choice, overlap up to 10%, 5% of pixels speckled, 0–5 objects placed anywhere, JSONL output, 1000 samples per shard,
     * every task, one thread per core.
     */
    public static final class Builder {
        private final long seed;
        private final int n;
        private int imageSize = 224;
        private int rlN;
        private int benchPerCategory = 100;
        private int docsN;
        private int textN;
        private int textSftN;
        private double thinkRatio = 0.5;
        private double choiceRatio = 0.25;
        private double maxOverlap = 0.1;
        private double noise = 0.05;
        private int maxObjects = 5;
        private int grid;
        private OutputFormat format = OutputFormat.JSONL;
        private ShardCompression compression = ShardCompression.NONE;
        private int shardSize = 1000;
        private List<Task> tasks = List.of(Task.values());
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder(long seed, int n) {
            this.seed = seed;
            this.n = n;
            this.rlN = Math.max(1, n / 4);
            this.docsN = Math.max(1, n / 5);
            this.textN = n;
            this.textSftN = n;
        }

        public Builder imageSize(int v) { imageSize = v; return this; }
        public Builder rlN(int v) { rlN = v; return this; }
        public Builder benchPerCategory(int v) { benchPerCategory = v; return this; }
        public Builder docsN(int v) { docsN = v; return this; }
        public Builder textN(int v) { textN = v; return this; }
        public Builder textSftN(int v) { textSftN = v; return this; }
        public Builder thinkRatio(double v) { thinkRatio = v; return this; }
        public Builder choiceRatio(double v) { choiceRatio = v; return this; }
        public Builder maxOverlap(double v) { maxOverlap = v; return this; }
        public Builder noise(double v) { noise = v; return this; }
        public Builder maxObjects(int v) { maxObjects = v; return this; }
        public Builder grid(int v) { grid = v; return this; }
        public Builder format(OutputFormat v) { format = v; return this; }
        public Builder compression(ShardCompression v) { compression = v; return this; }
        public Builder shardSize(int v) { shardSize = v; return this; }
        public Builder tasks(List<Task> v) { tasks = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        /** Validates every setting; a bad one is a {@link UserError} naming its flag. */
        public ShapesConfig build() {
            return new ShapesConfig(seed, n, imageSize, rlN, benchPerCategory, docsN, textN, textSftN, thinkRatio,
                    choiceRatio, maxOverlap, noise, maxObjects, grid, format, compression, shardSize, tasks, threads);
        }
    }

    /** The settings that determine the output (not {@code threads}), for the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("n", n);
        m.put("image-size", imageSize);
        m.put("rl-n", rlN);
        m.put("bench-per-category", benchPerCategory);
        m.put("docs-n", docsN);
        m.put("text-n", textN);
        m.put("text-sft-n", textSftN);
        m.put("think-ratio", thinkRatio);
        m.put("choice-ratio", choiceRatio);
        m.put("max-overlap", maxOverlap);
        m.put("noise", noise);
        m.put("max-objects", maxObjects);
        m.put("grid", grid);
        m.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        m.put("compression", compression.name().toLowerCase(java.util.Locale.ROOT));
        m.put("shard-size", shardSize);
        m.put("tasks", tasks.stream().map(Task::category).toList());
        return m;
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new UserError(key + ": " + message);
        }
    }
}
