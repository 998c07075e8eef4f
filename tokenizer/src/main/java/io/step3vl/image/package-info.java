/**
 * Images in, model-ready pixels and placeholder tokens out, exactly as the release's processor does.
 *
 * <p>The chain, in the release's order (architecture.md §5.1–5.4, golden g_preprocess README):
 * <ol>
 *   <li>{@link io.step3vl.image.ImageDecoder}: PNG/JPEG/WebP/BMP/GIF to an 8-bit {@link io.step3vl.image.RgbImage}
 *       (EXIF orientation, PIL {@code convert("RGB")} semantics), with size guards before any large
 *       allocation;</li>
 *   <li>{@link io.step3vl.image.CropPlanner}: the release's {@code ImagePatcher} bookkeeping (square pad, 3024 cap,
 *       window, crop canvas, boxes, newline mask) as a {@link io.step3vl.image.CropPlan};</li>
 *   <li>{@link io.step3vl.image.ImageProcessor}: PIL-bilinear fixed-point resizes on uint8 for the cap and the
 *       canvas, then per view ToTensor, CLIP Normalize and a float32 antialiased bilinear resize;</li>
 *   <li>{@link io.step3vl.image.ImageTokenLayout}: the {@code <patch_start> <im_patch>… <patch_end>
 *       [<patch_newline>]} … {@code <im_start> <im_patch>… <im_end>} expansion of one placeholder.</li>
 * </ol>
 * Output pixels are plain float32 arrays with shapes (no tensor library here); the model turns them into
 * tensors. Everything is sized by an {@link io.step3vl.image.ImageGeometry} taken from the model config, so
 * toy models run the same code with smaller constants.
 */
package io.step3vl.image;
