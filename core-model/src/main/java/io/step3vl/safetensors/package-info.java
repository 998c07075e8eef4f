/**
 * The safetensors format (Hugging Face): reading memory-mapped files lazily, tensor by tensor, sharded
 * checkpoints through {@code model.safetensors.index.json}, and writing files atomically.
 *
 * <p>Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * ({@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}}), then the
 * raw little-endian tensor bytes; offsets are relative to the first byte after the header. Every
 * reader validates the header completely before handing out a byte, so a malformed or truncated file
 * is a {@link io.step3vl.common.UserError} naming the file and tensor, never a JVM crash.
 *
 * <p>DJL's PyTorch engine aborts the JVM on BF16 tensors, so half-precision data is upcast to float32
 * on read ({@link io.step3vl.safetensors.TensorReader#readFloat}).
 */
package io.step3vl.safetensors;
