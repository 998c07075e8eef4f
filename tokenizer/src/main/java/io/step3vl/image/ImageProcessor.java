package io.step3vl.image;

import io.step3vl.model.config.ModelConfig;

import java.util.function.Function;

/**
 * The release's image processor (HF path, golden g_preprocess README "Operation order"): plan the crops,
 * square-pad, cap the longest side and build the crop canvas with PIL bilinear on uint8, cut the crops,
 * then per view ToTensor, Normalize and an antialiased float32 bilinear resize to the view side. Stateless
 * and thread-safe: one instance per checkpoint can serve concurrent requests.
 */
public final class ImageProcessor {
    private final CropPlanner planner;
    private final ImageTokenLayout layout;
    private final ImageTokenIds tokenIds;
    private final PixelNormalization normalization;

    public ImageProcessor(ImageGeometry geometry, ImageTokenLayout layout, ImageTokenIds tokenIds,
                          PixelNormalization normalization) {
        this.planner = new CropPlanner(geometry);
        this.layout = layout;
        this.tokenIds = tokenIds;
        this.normalization = normalization;
    }

    /** Release geometry, layout and CLIP normalisation with the given marker ids. */
    public static ImageProcessor release(ImageTokenIds tokenIds) {
        return new ImageProcessor(ImageGeometry.release(), ImageTokenLayout.release(), tokenIds,
                PixelNormalization.clip());
    }

    /**
     * The processor of a checkpoint: geometry and token counts from its config, marker ids from its
     * tokenizer ({@link ImageTokenIds#forModel}), CLIP normalisation.
     *
     * @param idOf   the tokenizer's token-to-id lookup, null for an unknown token
     * @param source the tokenizer file, named in errors
     */
    public static ImageProcessor forModel(ModelConfig config, Function<String, Integer> idOf, String source) {
        return new ImageProcessor(ImageGeometry.fromModelConfig(config), ImageTokenLayout.fromModelConfig(config),
                ImageTokenIds.forModel(config, idOf, source), PixelNormalization.clip());
    }

    public ImageGeometry geometry() {
        return planner.geometry();
    }

    public ImageTokenLayout layout() {
        return layout;
    }

    public ImageTokenIds tokenIds() {
        return tokenIds;
    }

    /** The crop plan of a {@code width x height} image (no pixels needed: for token counts and previews). */
    public CropPlan plan(int width, int height) {
        return planner.plan(width, height);
    }

    /** Tokens one placeholder becomes for a {@code width x height} image. */
    public int tokenCount(int width, int height) {
        return layout.count(plan(width, height));
    }

    /** Runs the whole chain on a decoded image. */
    public ProcessedImage process(RgbImage image) {
        CropPlan plan = plan(image.width(), image.height());
        RgbImage base = baseImage(image, plan);
        int globalSide = geometry().globalSide();
        int cropSide = geometry().cropSide();

        float[] global = new float[3 * globalSide * globalSide]; // (1, 3, globalSide, globalSide)
        AntialiasedBilinear.normalizeAndResize(base, normalization, globalSide, globalSide, global, 0);

        int cropSize = 3 * cropSide * cropSide;
        float[] crops = new float[plan.numCrops() * cropSize]; // (numCrops, 3, cropSide, cropSide)
        if (plan.hasCrops()) {
            RgbImage canvas = cropCanvas(base, plan);
            for (int k = 0; k < plan.numCrops(); k++) {
                CropBox box = plan.crops().get(k);
                if (plan.window() == cropSide) {
                    // no resize: normalise straight from the canvas (the release's Resize is a no-op here)
                    normalization.toPlanes(canvas, box, crops, k * cropSize);
                } else {
                    RgbImage crop = canvas.crop(box.x(), box.y(), box.width(), box.height());
                    AntialiasedBilinear.normalizeAndResize(crop, normalization, cropSide, cropSide, crops,
                            k * cropSize);
                }
            }
        }
        return new ProcessedImage(plan, global, globalSide, crops, cropSide, layout.expand(plan, tokenIds));
    }

    /**
     * The uint8 base of the global view (and of the canvas): the image after the optional square pad and the
     * longest-side cap (PIL bilinear). Returns {@code image} itself when neither applies.
     */
    public static RgbImage baseImage(RgbImage image, CropPlan plan) {
        RgbImage padded = plan.squarePadded() ? image.pasteOnBlack(plan.paddedWidth(), plan.paddedHeight()) : image;
        return PilBilinear.resize(padded, plan.resizedWidth(), plan.resizedHeight());
    }

    /** The uint8 crop canvas: the base resized (PIL bilinear) to the plan's canvas size. */
    public static RgbImage cropCanvas(RgbImage base, CropPlan plan) {
        if (!plan.hasCrops()) {
            throw new IllegalArgumentException("the plan has no crops, so no crop canvas");
        }
        return PilBilinear.resize(base, plan.canvasWidth(), plan.canvasHeight());
    }
}
