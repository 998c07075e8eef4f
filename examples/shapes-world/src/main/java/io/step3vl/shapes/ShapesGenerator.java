package io.step3vl.shapes;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import io.step3vl.shapes.output.DatasetSink;
import io.step3vl.shapes.output.JsonlWriter;
import io.step3vl.shapes.output.Records;
import io.step3vl.shapes.render.Png;
import io.step3vl.shapes.render.SceneRenderer;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.tasks.Captioner;
import io.step3vl.shapes.tasks.Example;
import io.step3vl.shapes.tasks.Question;
import io.step3vl.shapes.tasks.Task;
import io.step3vl.shapes.tasks.TaskGenerator;
import io.step3vl.shapes.tasks.Tasks;
import io.step3vl.shapes.tasks.TextCorpus;
import io.step3vl.shapes.tasks.TextQuestions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates a shapes-world dataset directory. Every example is a pure function of (seed, split,
 * index), examples are rendered in parallel and written in index order, and the directory is
 * published atomically, so the same configuration always yields byte-identical files.
 *
 * <pre>
 * OUT/manifest.json               settings, counts, file sizes and SHA-256s
 * OUT/scenes.jsonl                the scene graph of every image
 * OUT/pretrain-captions.jsonl     {"content": [image, caption]}
 * OUT/pretrain-interleaved.jsonl  multi-image documents
 * OUT/pretrain-text.jsonl         {"text": ...}
 * OUT/sft.jsonl, sft-text.jsonl   {"messages": [user, assistant + reasoning_content (a trace, or "" = thinking off)]}
 * OUT/rl.jsonl, bench.jsonl       eval/RL items with answer, answer_type, category
 * OUT/images/*.png                (JSONL output)
 * OUT/wds/NAME-NNNNNN.tar[.gz|.zst]   (WebDataset output)
 * </pre>
 */
public final class ShapesGenerator {
    public static final String MANIFEST = "manifest.json";
    public static final String GENERATOR = "step3vl shapes-world";
    /** Examples rendered per parallel batch; bounds memory to a chunk of PNGs. */
    private static final int CHUNK = 64;
    /** Draws per benchmark item before concluding the training set covers the whole space. */
    private static final int MAX_BENCH_ATTEMPTS = 1000;

    private final ShapesConfig config;
    private final Map<Task, TaskGenerator> generators;
    private final SceneSampler sampler;
    private final SceneRenderer renderer = new SceneRenderer();

    public ShapesGenerator(ShapesConfig config) {
        this.config = config;
        this.sampler = new SceneSampler(config.imageSize(), config.maxOverlap(), config.noise(), config.grid());
        this.generators = Tasks.generators(sampler, config.maxObjects());
    }

    /** A training example: which task, with or without reasoning, the scene and its PNG. */
    public record TrainItem(String id, Example example, boolean think, byte[] png) {}

    /** An RL or benchmark item. */
    public record PromptItem(String id, Example example, byte[] png) {}

    /** An interleaved document's scenes and PNGs. */
    public record DocItem(String id, List<Scene> scenes, List<byte[]> pngs) {}

    public TrainItem trainItem(int index) {
        String id = String.format("train-%06d", index);
        SplittableRandom rng = Seeds.rng(config.seed(), "train", index);
        TaskGenerator gen = generators.get(config.tasks().get(rng.nextInt(config.tasks().size())));
        boolean choice = gen.supportsChoice() && rng.nextDouble() < config.choiceRatio();
        boolean think = rng.nextDouble() < config.thinkRatio();
        Example example = gen.generate(id, rng, choice);
        return new TrainItem(id, example, think, png(example.scene()));
    }

    public PromptItem rlItem(int index) {
        String id = String.format("rl-%06d", index);
        SplittableRandom rng = Seeds.rng(config.seed(), "rl", index);
        TaskGenerator gen = generators.get(config.tasks().get(rng.nextInt(config.tasks().size())));
        boolean choice = gen.supportsChoice() && rng.nextDouble() < config.choiceRatio();
        Example example = gen.generate(id, rng, choice);
        return new PromptItem(id, example, png(example.scene()));
    }

    /**
     * Benchmark item {@code index}: category {@code tasks[index % tasks]}, drawn again until its scene
     * differs from every training and RL scene in {@code seen} (empty scenes are all alike and exempt).
     */
    public PromptItem benchItem(int index, Set<String> seen) {
        String id = String.format("bench-%06d", index);
        TaskGenerator gen = generators.get(config.tasks().get(index % config.tasks().size()));
        for (int attempt = 0; attempt < MAX_BENCH_ATTEMPTS; attempt++) {
            SplittableRandom rng = Seeds.rng(config.seed(), "bench-" + attempt, index);
            boolean choice = gen.supportsChoice() && rng.nextDouble() < config.choiceRatio();
            Example example = gen.generate(id, rng, choice);
            Scene scene = example.scene();
            boolean empty = scene.objects().isEmpty() && scene.text() == null;
            if (empty || !seen.contains(scene.signature())) {
                return new PromptItem(id, example, png(scene));
            }
        }
        throw new IllegalStateException("every candidate for " + id + " repeats a training scene");
    }

    public DocItem docItem(int index) {
        String id = String.format("doc-%06d", index);
        SplittableRandom rng = Seeds.rng(config.seed(), "doc", index);
        int k = 2 + rng.nextInt(2);
        List<Scene> scenes = new ArrayList<>();
        List<byte[]> pngs = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            String sceneId = id + "-" + j;
            String text = rng.nextInt(5) == 0 ? Integer.toString(rng.nextInt(100)) : null;
            Scene scene = null;
            while (scene == null) {
                int objects = 1 + rng.nextInt(config.maxObjects());
                scene = sampler.sample(sceneId, rng, SceneSampler.randomSpecs(rng, objects), text);
            }
            scenes.add(scene);
            pngs.add(png(scene));
        }
        return new DocItem(id, scenes, pngs);
    }

    public byte[] png(Scene scene) {
        return Png.encode(renderer.render(scene));
    }

    /** Writes the whole dataset to {@code out} (replacing an earlier shapes-world output there). */
    public GenerationSummary generate(Path out) {
        checkOutput(out);
        long start = System.nanoTime();
        Path staging = AtomicFiles.stagingDirFor(out);
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            Writer writer = new Writer(staging, pool);
            writer.writeAll();
            writer.writeManifest();
            double seconds = (System.nanoTime() - start) / 1e9;
            AtomicFiles.publishDirectory(staging, out);
            return new GenerationSummary(out, writer.records, writer.images, writer.imageBytes, writer.taskCounts,
                    seconds);
        } catch (RuntimeException | Error e) {
            AtomicFiles.deleteTree(staging);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkOutput(Path out) {
        if (Files.isRegularFile(out)) {
            throw UserError.at(out, "out: is a file; expected a directory for the dataset");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        } catch (IOException e) {
            throw UserError.at(out, "out: cannot list: " + e.getMessage());
        }
        Path manifest = out.resolve(MANIFEST);
        boolean ours = Files.isRegularFile(manifest)
                && GENERATOR.equals(Json.readTree(manifest).path("generator").asText());
        if (!ours) {
            throw UserError.at(out, "out: exists, is not empty and is not a shapes-world dataset; "
                    + "choose a new or empty directory");
        }
    }

    /** The state of one generation run. */
    private final class Writer {
        private final Path root;
        private final ForkJoinPool pool;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> records = new TreeMap<>();
        private final Map<String, Map<String, Integer>> taskCounts = new TreeMap<>();
        private final List<Path> files = new ArrayList<>();
        private final Progress progress;
        private JsonlWriter scenes;
        private long images;
        private long imageBytes;

        Writer(Path root, ForkJoinPool pool) {
            this.root = root;
            this.pool = pool;
            long units = (long) config.n() + config.docsN() + config.rlN()
                    + (long) config.benchPerCategory() * config.tasks().size();
            this.progress = Progress.start("shapes", units, "items");
        }

        void writeAll() {
            try (JsonlWriter sceneLog = new JsonlWriter(root.resolve("scenes.jsonl"));
                 Progress p = progress) {
                scenes = sceneLog;
                writeTrain();
                writeDocs();
                writeRl();
                writeBench();
                writeText();
            }
            files.add(0, root.resolve("scenes.jsonl"));
        }

        private DatasetSink sink(String name) {
            return new DatasetSink(root, name, config.format().jsonl(), config.format().shards(),
                    config.compression(), config.shardSize());
        }

        private void writeTrain() {
            try (DatasetSink captions = sink("pretrain-captions"); DatasetSink sft = sink("sft")) {
                inOrder(config.n(), ShapesGenerator.this::trainItem, item -> {
                    Scene scene = item.example().scene();
                    Question q = item.example().question();
                    String file = item.id() + ".png";
                    saveImage(file, item.png(), scene, "train", q.task());
                    captions.caption(item.id(), file, item.png(), Captioner.caption(scene));
                    sft.record(item.id(), List.of(file), List.of(item.png()), refs -> Records.sft(item.id(),
                            q.task().category(), refs.get(0), q.prompt(), q.answer(), item.think() ? q.reasoning() : null));
                    count("train", q.task());
                    progress.advance(1, "train");
                });
                finish(captions);
                finish(sft);
            }
        }

        private void writeDocs() {
            try (DatasetSink docs = sink("pretrain-interleaved")) {
                inOrder(config.docsN(), ShapesGenerator.this::docItem, doc -> {
                    List<String> files = new ArrayList<>();
                    for (int j = 0; j < doc.scenes().size(); j++) {
                        String file = doc.scenes().get(j).id() + ".png";
                        saveImage(file, doc.pngs().get(j), doc.scenes().get(j), "doc", null);
                        files.add(file);
                    }
                    docs.record(doc.id(), files, doc.pngs(), refs -> Records.interleaved(doc.id(), documentParts(doc, refs)));
                    progress.advance(1, "documents");
                });
                finish(docs);
            }
        }

        private void writeRl() {
            try (DatasetSink rl = sink("rl")) {
                inOrder(config.rlN(), ShapesGenerator.this::rlItem, item -> writePrompt(rl, item, "rl"));
                finish(rl);
            }
        }

        private void writeBench() {
            try (DatasetSink bench = sink("bench")) {
                int total = config.benchPerCategory() * config.tasks().size();
                inOrder(total, i -> benchItem(i, seen), item -> writePrompt(bench, item, "bench"));
                finish(bench);
            }
        }

        private void writePrompt(DatasetSink sink, PromptItem item, String split) {
            Scene scene = item.example().scene();
            Question q = item.example().question();
            String file = item.id() + ".png";
            saveImage(file, item.png(), scene, split, q.task());
            sink.record(item.id(), List.of(file), List.of(item.png()),
                    refs -> Records.evalItem(item.id(), refs.get(0), q, Map.of("scene", scene.id())));
            count(split, q.task());
            progress.advance(1, split);
        }

        private void writeText() {
            try (DatasetSink text = sink("pretrain-text"); DatasetSink sftText = sink("sft-text")) {
                for (int i = 0; i < config.textN(); i++) {
                    text.text(String.format("text-%06d", i), TextCorpus.document(Seeds.rng(config.seed(), "text", i)));
                }
                for (int i = 0; i < config.textSftN(); i++) {
                    SplittableRandom rng = Seeds.rng(config.seed(), "sft-text", i);
                    TextQuestions.TextQuestion q = TextQuestions.draw(rng);
                    boolean think = rng.nextDouble() < config.thinkRatio();
                    String id = String.format("sft-text-%06d", i);
                    sftText.record(id, List.of(), List.of(),
                            refs -> Records.sft(id, q.category(), null, q.prompt(), q.answer(), think ? q.reasoning() : null));
                }
                finish(text);
                finish(sftText);
            }
        }

        private List<Map<String, Object>> documentParts(DocItem doc, List<String> refs) {
            List<Map<String, Object>> parts = new ArrayList<>();
            int k = doc.scenes().size();
            parts.add(Records.text("Here are " + k + " pictures."));
            int total = 0;
            for (int j = 0; j < k; j++) {
                Scene scene = doc.scenes().get(j);
                parts.add(Records.image(refs.get(j)));
                parts.add(Records.text("Picture " + (j + 1) + " shows " + Captioner.contents(scene) + "."));
                total += scene.objects().size();
            }
            parts.add(Records.text("Together the pictures show " + total + " objects."));
            return parts;
        }

        private void saveImage(String file, byte[] png, Scene scene, String split, Task task) {
            Map<String, Object> graph = new LinkedHashMap<>();
            graph.put("split", split);
            // the PNG's path when JSONL output wrote it; shards carry the image inside the sample
            graph.put("image", config.format().jsonl() ? DatasetSink.IMAGE_DIR + "/" + file : null);
            graph.put("task", task == null ? null : task.category());
            graph.putAll(scene.toGraph());
            scenes.write(graph);
            if (!split.equals("bench")) {
                seen.add(scene.signature());
            }
            images++;
            imageBytes += png.length;
            if (config.format().jsonl()) {
                Path target = root.resolve(DatasetSink.IMAGE_DIR).resolve(file);
                try {
                    Files.createDirectories(target.getParent());
                    Files.write(target, png);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
                }
            }
        }

        private void count(String split, Task task) {
            taskCounts.computeIfAbsent(split, s -> new TreeMap<>()).merge(task.category(), 1, Integer::sum);
        }

        private void finish(DatasetSink sink) {
            sink.close();
            files.addAll(sink.files());
            records.put(sink.name(), sink.records());
        }

        /** Renders {@code make(0..count-1)} in parallel chunks and hands them to {@code consume} in order. */
        private <T> void inOrder(int count, IntFunction<T> make, Consumer<T> consume) {
            for (int start = 0; start < count; start += CHUNK) {
                int from = start;
                int to = Math.min(count, start + CHUNK);
                List<T> chunk = pool.submit(() -> IntStream.range(from, to).parallel().mapToObj(make).toList()).join();
                chunk.forEach(consume);
            }
        }

        void writeManifest() {
            Manifest.write(root, config, records, taskCounts, images, imageBytes, files);
        }
    }
}
