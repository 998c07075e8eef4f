package io.step3vl.checkpoint;

import java.util.List;
import java.util.Locale;

/**
 * File names of a checkpoint directory. The layout is Hugging Face's, so the released Step3-VL-10B
 * directory loads as is and our checkpoints load in HF tools; docs/checkpoint-format.md describes it.
 */
public final class CheckpointLayout {
    public static final String CONFIG = "config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    /** Unsharded weights. */
    public static final String WEIGHTS = "model.safetensors";
    /** Sharded weights: {@code {"metadata":{"total_size":N},"weight_map":{name: shard file}}}. */
    public static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    /** Provenance and the file manifest; written last, so its presence marks a toolkit checkpoint. */
    public static final String PROVENANCE = "step3vl.json";
    /** Only in resumable training checkpoints. */
    public static final String TRAINER_STATE_DIR = "trainer_state";
    /** Inside {@link #TRAINER_STATE_DIR}: step, schedule counter, RNG state, data cursor. */
    public static final String TRAINER_STATE_JSON = "state.json";
    /** Inside {@link #TRAINER_STATE_DIR}: optimiser moments under the optimiser's own tensor names. */
    public static final String OPTIMIZER_TENSORS = "optimizer.safetensors";

    /**
     * Files a derived checkpoint inherits from its parent when the parent has them: the tokenizer,
     * the chat template, the image processor and the release's remote code (HF {@code trust_remote_code}
     * needs the .py files next to config.json).
     */
    public static final List<String> INHERITED_FILES = List.of(
            "tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "added_tokens.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "preprocessor_config.json",
            "processor_config.json", "configuration_step_vl.py", "modeling_step_vl.py",
            "vision_encoder.py", "processing_step3.py");

    /** Default shard size limit, as in HF's {@code save_pretrained} (5 GB). */
    public static final long DEFAULT_SHARD_LIMIT_BYTES = 5_000_000_000L;

    private CheckpointLayout() {}

    /**
     * The name of shard {@code index} (1-based): {@code model-00001.safetensors}. The release names its
     * shards without HF's {@code -of-0000N} suffix; readers follow the index, never the pattern.
     */
    public static String shardName(int index) {
        if (index < 1 || index > 99_999) {
            throw new IllegalArgumentException("shard index out of range 1..99999: " + index);
        }
        return String.format(Locale.ROOT, "model-%05d.safetensors", index);
    }

    /** The trainer-state file {@code name} as a path relative to the checkpoint root. */
    static String trainerStateFile(String name) {
        return TRAINER_STATE_DIR + "/" + name;
    }
}
