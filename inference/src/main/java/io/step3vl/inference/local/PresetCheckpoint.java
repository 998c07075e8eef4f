package io.step3vl.inference.local;

import io.step3vl.checkpoint.CheckpointWriter;
import io.step3vl.checkpoint.Provenance;
import io.step3vl.model.WeightInit;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.safetensors.DType;
import io.step3vl.tokenizer.toy.ToyTokenizer;
import java.nio.file.Path;

/**
 * A randomly initialised, complete checkpoint of a preset: config, weights ({@link WeightInit}),
 * generation config and — for the presets built on the toy vocabulary (tiny, small) — the toy
 * tokenizer with its chat template, so it runs end to end (infer, serve, training) as written.
 * {@code step3vl init} and the tests both make their checkpoints here.
 */
public final class PresetCheckpoint {
    private PresetCheckpoint() {}

    /** Writes an F32 checkpoint of {@code preset} into {@code dir} atomically; returns it. */
    public static Path write(String preset, long seed, Path dir) {
        return writer(preset, seed, DType.F32).writeTo(dir);
    }

    /**
     * A writer holding everything of the preset's checkpoint (weights stored as {@code stored});
     * callers may add provenance details or {@code overwrite} before {@code writeTo}.
     */
    public static CheckpointWriter writer(String preset, long seed, DType stored) {
        ModelConfig config = Presets.get(preset);
        CheckpointWriter writer = CheckpointWriter.create()
                .config(config)
                .generationConfig(Presets.generationConfig(preset))
                .weights(WeightInit.tensors(config, seed, stored))
                .provenance(Provenance.of("init"));
        if (hasToyTokenizer(preset)) {
            writer.extraFiles(ToyTokenizer::writeTo);
        }
        return writer;
    }

    /** Whether the preset's vocabulary is the toy tokenizer's (so its checkpoint carries tokenizer files). */
    public static boolean hasToyTokenizer(String preset) {
        return Presets.get(preset).text().vocabSize() == ToyTokenizer.VOCAB_SIZE;
    }
}
