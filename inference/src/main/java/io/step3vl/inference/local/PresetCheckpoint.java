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
 */
public final class PresetCheckpoint {
    private PresetCheckpoint() {}

    /** Writes {@code dir} atomically; returns it. */
    public static Path write(String preset, long seed, Path dir) {
        ModelConfig config = Presets.get(preset);
        CheckpointWriter writer = CheckpointWriter.create()
                .config(config)
                .generationConfig(Presets.generationConfig(preset))
                .weights(WeightInit.tensors(config, seed, DType.F32))
                .provenance(Provenance.of("init"));
        if (config.text().vocabSize() == ToyTokenizer.VOCAB_SIZE) {
            writer.extraFiles(ToyTokenizer::writeTo);
        }
        return writer.writeTo(dir);
    }
}
