/**
 * The shapes world: a deterministic synthetic multimodal world (procedural images of coloured
 * shapes and short text, with their scene graphs) and the datasets the toolkit trains and evaluates
 * on — pre-training captions, interleaved and text-only documents, SFT conversations with and without
 * reasoning, RL prompts and a held-out benchmark. Entry point: {@link io.step3vl.shapes.ShapesGenerator}.
 */
package io.step3vl.shapes;
