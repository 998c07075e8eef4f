package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.model.config.GenerationConfig;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.safetensors.SafetensorsWriter;
import io.step3vl.safetensors.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Saves a checkpoint directory atomically. Collect the parts, then {@link #writeTo(Path)}: every file
 * is written into a hidden staging directory next to the target ({@code .NAME.staging-<pid>-…}),
 * hashed, listed in step3vl.json (written last), fsynced, and the directory is renamed to its final
 * name in one step. A crash at any point leaves either no target or a complete one; the next save
 * (or {@link RunCheckpoints#save}) deletes the stale staging directory.
 *
 * <pre>{@code
 * Path dir = CheckpointWriter.create()
 *         .config(configJson)                      // config.json (required)
 *         .weights(TensorSources.fromNDArrays(params))
 *         .shardLimitBytes(2_000_000_000L)         // model-00001.safetensors… + index when larger
 *         .inheritFrom(parentDir)                  // tokenizer, chat template, generation config…
 *         .trainerState(state, TensorSources.fromNDArrays(optimizer.state()))
 *         .provenance(Provenance.of("sft").withParent(parentDir).withStep(step))
 *         .writeTo(runDir.resolve("step-00001200"));
 * }</pre>
 */
public final class CheckpointWriter {
    /** Puts extra files (e.g. a generated tokenizer) into the staging directory. */
    @FunctionalInterface
    public interface ExtraFiles {
        void writeInto(Path stagingDir) throws IOException;
    }

    private JsonNode config;
    private JsonNode generationConfig;
    private Map<String, Tensor> weights;
    private long shardLimitBytes = CheckpointLayout.DEFAULT_SHARD_LIMIT_BYTES;
    private Path inheritFrom;
    private final List<ExtraFiles> extraFiles = new ArrayList<>();
    private TrainerState trainerState;
    private Map<String, Tensor> optimizerTensors = Map.of();
    private Provenance provenance;
    private boolean overwrite;
    private SaveObserver observer = SaveObserver.NONE;

    private CheckpointWriter() {}

    public static CheckpointWriter create() {
        return new CheckpointWriter();
    }

    /** The model's HF config.json (required). */
    public CheckpointWriter config(JsonNode configJson) {
        if (!configJson.isObject()) {
            throw new IllegalArgumentException("config.json must be a JSON object");
        }
        this.config = configJson.deepCopy();
        return this;
    }

    /** The model's config, written as HF config.json (unknown fields it kept are written back). */
    public CheckpointWriter config(ModelConfig modelConfig) {
        return config(modelConfig.toJson());
    }

    public CheckpointWriter generationConfig(GenerationConfig generation) {
        return generationConfig(generation.toJson());
    }

    /** generation_config.json; when not given, the parent's (see {@link #inheritFrom}) is copied if it has one. */
    public CheckpointWriter generationConfig(JsonNode json) {
        this.generationConfig = json == null ? null : json.deepCopy();
        return this;
    }

    /** The weights under the release's tensor names, in the order to lay them out (required). */
    public CheckpointWriter weights(Map<String, Tensor> tensors) {
        this.weights = new LinkedHashMap<>(tensors);
        return this;
    }

    /**
     * Shard size limit: weights larger than this are split into {@code model-00001.safetensors}, … with
     * {@code model.safetensors.index.json}; a single tensor larger than the limit gets a shard of its own.
     */
    public CheckpointWriter shardLimitBytes(long limit) {
        if (limit <= 0) {
            throw new UserError("shard size limit: expected a positive number of bytes, got " + limit);
        }
        this.shardLimitBytes = limit;
        return this;
    }

    /**
     * Copies the parent's tokenizer files, chat template, processor config and remote code
     * ({@link CheckpointLayout#INHERITED_FILES}) and its generation_config.json unless one was given.
     */
    public CheckpointWriter inheritFrom(Path parentDir) {
        if (!Files.isDirectory(parentDir)) {
            throw UserError.at(parentDir, "parent checkpoint directory does not exist");
        }
        this.inheritFrom = parentDir;
        return this;
    }

    /** Extra files written into the checkpoint by {@code writer} (after inherited ones, which they may replace). */
    public CheckpointWriter extraFiles(ExtraFiles writer) {
        extraFiles.add(Objects.requireNonNull(writer));
        return this;
    }

    /** Makes the checkpoint resumable: trainer_state/state.json plus the optimiser tensors. */
    public CheckpointWriter trainerState(TrainerState state, Map<String, Tensor> optimizer) {
        this.trainerState = Objects.requireNonNull(state);
        this.optimizerTensors = new LinkedHashMap<>(optimizer);
        return this;
    }

    /** step3vl.json's provenance (required). */
    public CheckpointWriter provenance(Provenance value) {
        this.provenance = Objects.requireNonNull(value);
        return this;
    }

    /** Replace an existing directory at the target (default: refuse). */
    public CheckpointWriter overwrite(boolean value) {
        this.overwrite = value;
        return this;
    }

    public CheckpointWriter observer(SaveObserver value) {
        this.observer = Objects.requireNonNull(value);
        return this;
    }

    /**
     * Writes the checkpoint to {@code target} atomically and returns its absolute path.
     *
     * @throws UserError when the target exists (without {@link #overwrite}) or an input is invalid
     */
    public Path writeTo(Path target) {
        if (config == null) {
            throw new IllegalStateException("config is required");
        }
        if (weights == null || weights.isEmpty()) {
            throw new IllegalStateException("weights are required");
        }
        if (provenance == null) {
            throw new IllegalStateException("provenance is required");
        }
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !overwrite) {
            throw UserError.at(abs, "already exists; choose a new directory or overwrite it explicitly");
        }
        StagingDirs.cleanStale(abs.getParent());
        Path staging = StagingDirs.create(abs);
        ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-hash");
            t.setDaemon(true);
            return t;
        });
        boolean published = false;
        try {
            // Hashing runs on its own thread, one file behind the writer, so it overlaps the next write.
            Map<String, Future<FileManifest.Entry>> hashes = new LinkedHashMap<>();
            FileSink sink = (rel) -> {
                Path file = staging.resolve(rel);
                long size = Files.size(file);
                hashes.put(rel, hasher.submit(() -> new FileManifest.Entry(size, Sha256.ofFile(file))));
                observer.fileStaged(rel, size);
            };
            writeJson(staging, CheckpointLayout.CONFIG, config, sink);
            copyInherited(staging, sink);
            if (generationConfig != null) {
                writeJson(staging, CheckpointLayout.GENERATION_CONFIG, generationConfig, sink);
            }
            for (ExtraFiles extra : extraFiles) {
                writeExtra(staging, extra, hashes, sink);
            }
            new WeightSharder(weights, shardLimitBytes).write(staging, sink);
            if (trainerState != null) {
                writeTrainerState(staging, sink);
            }
            SortedMap<String, FileManifest.Entry> entries = new TreeMap<>();
            for (Map.Entry<String, Future<FileManifest.Entry>> e : hashes.entrySet()) {
                entries.put(e.getKey(), e.getValue().get());
            }
            ObjectNode provenanceJson = ProvenanceFile.toJson(provenance, new FileManifest(entries));
            Files.writeString(staging.resolve(CheckpointLayout.PROVENANCE), Json.pretty(provenanceJson) + "\n",
                    StandardCharsets.UTF_8);
            observer.publishing(staging, abs);
            AtomicFiles.publishDirectory(staging, abs);
            published = true;
            observer.published(abs);
            return abs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + abs + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving " + abs, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re
                    : new UncheckedIOException("cannot hash a file of " + abs, new IOException(cause));
        } finally {
            hasher.shutdownNow();
            if (!published) {
                AtomicFiles.deleteTree(staging);
            }
        }
    }

    /** Records a file that is complete in the staging directory. */
    @FunctionalInterface
    interface FileSink {
        void staged(String relativePath) throws IOException;
    }

    private static void writeJson(Path staging, String name, JsonNode json, FileSink sink) throws IOException {
        Files.writeString(staging.resolve(name), Json.pretty(json) + "\n", StandardCharsets.UTF_8);
        sink.staged(name);
    }

    private void copyInherited(Path staging, FileSink sink) throws IOException {
        if (inheritFrom == null) {
            return;
        }
        List<String> names = new ArrayList<>(CheckpointLayout.INHERITED_FILES);
        if (generationConfig == null) {
            names.add(CheckpointLayout.GENERATION_CONFIG);
        }
        for (String name : names) {
            Path source = inheritFrom.resolve(name);
            if (Files.isRegularFile(source)) {
                // A plain copy (no COPY_ATTRIBUTES): a read-only parent must not make the copy
                // read-only, or the fsync before publishing could not open it for writing.
                Files.copy(source, staging.resolve(name));
                sink.staged(name);
            }
        }
    }

    private static void writeExtra(Path staging, ExtraFiles extra, Map<String, Future<FileManifest.Entry>> hashes,
                                   FileSink sink) throws IOException {
        Map<String, String> before = snapshot(staging);
        extra.writeInto(staging);
        for (Map.Entry<String, String> e : snapshot(staging).entrySet()) {
            String rel = e.getKey();
            if (e.getValue().equals(before.get(rel))) {
                continue;
            }
            if (reserved(rel)) {
                throw new IllegalArgumentException("extra files may not write " + rel + ": the writer owns it");
            }
            // New files, and inherited ones the extra writer replaced, are (re)hashed.
            hashes.remove(rel);
            sink.staged(rel);
        }
    }

    /** Relative path → "size/mtime" of every staged file, to see what an extra writer added or changed. */
    private static Map<String, String> snapshot(Path staging) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String rel : FileManifest.listFiles(staging)) {
            Path file = staging.resolve(rel);
            out.put(rel, Files.size(file) + "/" + Files.getLastModifiedTime(file).toMillis() + "/"
                    + Files.getLastModifiedTime(file).toInstant().getNano());
        }
        return out;
    }

    private static boolean reserved(String rel) {
        return rel.equals(CheckpointLayout.PROVENANCE) || rel.equals(CheckpointLayout.CONFIG)
                || rel.equals(CheckpointLayout.WEIGHTS)
                || rel.equals(CheckpointLayout.WEIGHTS_INDEX) || rel.matches("model-\\d{5}\\.safetensors")
                || rel.startsWith(CheckpointLayout.TRAINER_STATE_DIR + "/");
    }

    private void writeTrainerState(Path staging, FileSink sink) throws IOException {
        Files.createDirectories(staging.resolve(CheckpointLayout.TRAINER_STATE_DIR));
        String stateFile = CheckpointLayout.trainerStateFile(CheckpointLayout.TRAINER_STATE_JSON);
        Files.writeString(staging.resolve(stateFile), Json.pretty(trainerState.toJson()) + "\n", StandardCharsets.UTF_8);
        sink.staged(stateFile);
        String optimizerFile = CheckpointLayout.trainerStateFile(CheckpointLayout.OPTIMIZER_TENSORS);
        SafetensorsWriter.write(staging.resolve(optimizerFile), optimizerTensors,
                Map.of("step", Long.toString(trainerState.step())));
        sink.staged(optimizerFile);
    }
}
