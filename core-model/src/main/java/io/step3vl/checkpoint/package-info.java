/**
 * The checkpoint directory (docs/checkpoint-format.md): HF layout (config.json, model.safetensors or
 * model-0000N.safetensors shards + index, tokenizer files, generation_config.json) plus step3vl.json
 * (provenance and a SHA-256 manifest) and, for resumable training checkpoints, trainer_state/.
 *
 * <p>{@link io.step3vl.checkpoint.CheckpointWriter} saves atomically (hidden staging directory, fsync,
 * rename); {@link io.step3vl.checkpoint.CheckpointReader} opens and validates;
 * {@link io.step3vl.checkpoint.RunCheckpoints} keeps a run's {@code step-N} checkpoints with a
 * {@code latest} pointer and keep-last-N rotation; {@link io.step3vl.checkpoint.CheckpointSummary}
 * is what {@code step3vl ckpt inspect} prints.
 */
package io.step3vl.checkpoint;
