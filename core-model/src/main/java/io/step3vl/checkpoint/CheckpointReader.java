package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.TensorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An opened checkpoint directory: the toolkit's own or any HF-layout one (the release). Opening
 * checks that the directory is complete — config.json is a JSON object, the weights are present
 * (model.safetensors, or the index and every shard it names), and for a toolkit checkpoint every file
 * in step3vl.json's manifest has its recorded size. Tensors are read later through
 * {@link #openWeights()}; nothing large is read on open.
 *
 * <pre>{@code
 * CheckpointReader ckpt = CheckpointReader.open(dir);
 * try (TensorStore weights = ckpt.openWeights()) { ... }
 * if (ckpt.isResumable()) {
 *     TrainerState state = ckpt.trainerState();
 *     try (SafetensorsFile moments = ckpt.openOptimizerTensors()) { ... }
 * }
 * }</pre>
 */
public final class CheckpointReader {
    private final Path dir;
    private final JsonNode config;
    private final ProvenanceFile provenance;  // null for a checkpoint not written by this toolkit

    private CheckpointReader(Path dir, JsonNode config, ProvenanceFile provenance) {
        this.dir = dir;
        this.config = config;
        this.provenance = provenance;
    }

    /** Opens and validates {@code dir}; every problem is a one-line {@link UserError} naming the directory. */
    public static CheckpointReader open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw UserError.at(dir, "no such checkpoint directory");
        }
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
        if (StagingDirs.isWorkDir(name)) {
            throw UserError.at(dir, "an unfinished save or delete (hidden work directory), not a checkpoint");
        }
        Path configFile = abs.resolve(CheckpointLayout.CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw UserError.at(dir, "not a checkpoint: no " + CheckpointLayout.CONFIG);
        }
        JsonNode config = Json.readTree(configFile);
        if (!config.isObject()) {
            throw UserError.at(configFile, "expected a JSON object");
        }
        ProvenanceFile provenance = null;
        if (Files.isRegularFile(abs.resolve(CheckpointLayout.PROVENANCE))) {
            provenance = ProvenanceFile.read(abs);
            provenance.manifest().verify(abs, false);
        }
        checkWeightsPresent(abs);
        return new CheckpointReader(abs, config, provenance);
    }

    private static void checkWeightsPresent(Path dir) {
        Path index = dir.resolve(CheckpointLayout.WEIGHTS_INDEX);
        if (Files.isRegularFile(index)) {
            List<String> missing = new ArrayList<>();
            for (String shard : shardNames(index)) {
                if (!Files.isRegularFile(dir.resolve(shard))) {
                    missing.add(shard);
                }
            }
            if (!missing.isEmpty()) {
                throw UserError.at(dir, "incomplete checkpoint: shard(s) named in "
                        + CheckpointLayout.WEIGHTS_INDEX + " missing: " + String.join(", ", missing));
            }
        } else if (!Files.isRegularFile(dir.resolve(CheckpointLayout.WEIGHTS))) {
            throw UserError.at(dir, "not a checkpoint: no " + CheckpointLayout.WEIGHTS + " or "
                    + CheckpointLayout.WEIGHTS_INDEX);
        }
    }

    /** The distinct shard file names an index refers to, in first-use order. */
    static Set<String> shardNames(Path index) {
        JsonNode map = Json.readTree(index).path("weight_map");
        if (!map.isObject() || map.isEmpty()) {
            throw UserError.at(index, "weight_map: expected a non-empty object {tensor name: shard file}");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().asText();
            if (!e.getValue().isTextual() || shard.contains("/") || shard.contains("\\") || SafePaths.problem(shard) != null) {
                throw UserError.at(index, "weight_map." + e.getKey() + ": expected a shard file name in this directory");
            }
            shards.add(shard);
        }
        return shards;
    }

    public Path dir() {
        return dir;
    }

    /** config.json as a tree (a copy: the caller may modify it). */
    public JsonNode config() {
        return config.deepCopy();
    }

    public Optional<JsonNode> generationConfig() {
        Path file = dir.resolve(CheckpointLayout.GENERATION_CONFIG);
        return Files.isRegularFile(file) ? Optional.of(Json.readTree(file)) : Optional.empty();
    }

    /** step3vl.json: present for checkpoints this toolkit wrote, empty for the release and other HF dirs. */
    public Optional<ProvenanceFile> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** The weight files: model.safetensors, or the index followed by its shards sorted by name. */
    public List<String> weightFiles() {
        Path index = dir.resolve(CheckpointLayout.WEIGHTS_INDEX);
        if (!Files.isRegularFile(index)) {
            return List.of(CheckpointLayout.WEIGHTS);
        }
        List<String> files = new ArrayList<>();
        files.add(CheckpointLayout.WEIGHTS_INDEX);
        files.addAll(new java.util.TreeSet<>(shardNames(index)));
        return files;
    }

    /** Opens the weights (headers validated, tensors mapped lazily); the caller closes it. */
    public TensorStore openWeights() {
        return TensorStore.open(dir);
    }

    /** Whether this is a resumable training checkpoint (has trainer_state/). */
    public boolean isResumable() {
        return Files.isRegularFile(dir.resolve(CheckpointLayout.trainerStateFile(CheckpointLayout.TRAINER_STATE_JSON)));
    }

    /** trainer_state/state.json; a {@link UserError} when this checkpoint is not resumable. */
    public TrainerState trainerState() {
        Path file = dir.resolve(CheckpointLayout.trainerStateFile(CheckpointLayout.TRAINER_STATE_JSON));
        if (!Files.isRegularFile(file)) {
            throw UserError.at(dir, "not a resumable checkpoint: no " + CheckpointLayout.TRAINER_STATE_DIR
                    + "/" + CheckpointLayout.TRAINER_STATE_JSON);
        }
        return TrainerState.fromJson(Json.readTree(file), file);
    }

    /** trainer_state/optimizer.safetensors (the optimiser's moments under its own names); the caller closes it. */
    public SafetensorsFile openOptimizerTensors() {
        Path file = dir.resolve(CheckpointLayout.trainerStateFile(CheckpointLayout.OPTIMIZER_TENSORS));
        if (!Files.isRegularFile(file)) {
            throw UserError.at(dir, "not a resumable checkpoint: no " + CheckpointLayout.TRAINER_STATE_DIR
                    + "/" + CheckpointLayout.OPTIMIZER_TENSORS);
        }
        return SafetensorsFile.open(file);
    }

    /** The model fingerprint ({@link Fingerprints#ofCheckpoint}). */
    public String fingerprint() {
        return Fingerprints.ofCheckpoint(dir);
    }

    /**
     * Re-reads every file and checks its SHA-256 against step3vl.json. Only toolkit checkpoints carry
     * a manifest; for others this checks that every safetensors header is valid.
     */
    public void verify() {
        if (provenance != null) {
            provenance.manifest().verify(dir, true);
            List<String> unlisted = new ArrayList<>();
            for (String rel : FileManifest.listFiles(dir)) {
                if (!rel.equals(CheckpointLayout.PROVENANCE) && !provenance.manifest().files().containsKey(rel)) {
                    unlisted.add(rel);
                }
            }
            if (!unlisted.isEmpty()) {
                throw UserError.at(dir, "files not listed in " + CheckpointLayout.PROVENANCE + ": " + String.join(", ", unlisted));
            }
        }
        try (TensorStore store = openWeights()) {
            store.names();  // opening validated every header
        }
    }
}
