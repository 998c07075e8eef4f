/**
 * The model's configuration as Hugging Face {@code config.json} spells it for the release
 * ({@code model_type} "step_robotics", {@code vision_config}, {@code text_config}, projector fields,
 * {@code image_token_id}), typed once here ({@link io.step3vl.model.config.ModelConfig}), the sampling
 * defaults of {@code generation_config.json} ({@link io.step3vl.model.config.GenerationConfig}), and
 * the shipped presets ({@link io.step3vl.model.config.Presets}). Unknown fields survive a read/write
 * round trip, so a config written by a newer tool or by the release keeps everything it had.
 */
package io.step3vl.model.config;
