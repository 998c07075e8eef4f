/**
 * The STEP3-VL network on DJL's PyTorch engine: weight layout and loading
 * ({@link io.step3vl.model.WeightLayout}), and the assembled model. Subpackages: {@code config}
 * (config.json), {@code nn} (shared ops), {@code vision} (encoder + projector), {@code decoder} (Qwen3
 * with a KV cache), {@code runtime} (engine, device, precision).
 *
 * <p>Parameters live in a name → NDArray map under the release's tensor names (architecture.md §1.5),
 * so loading and saving are a loop over {@link io.step3vl.model.WeightLayout#entries()}.
 */
package io.step3vl.model;
