package io.step3vl.image;

import io.step3vl.common.UserError;
import io.step3vl.model.config.ModelConfig;

import java.util.Arrays;
import java.util.List;

/**
 * How one image placeholder expands into tokens (architecture.md §5.3): per local crop, row-major,
 * {@code <patch_start> <im_patch>×cropTokens <patch_end>} plus {@code <patch_newline>} where the crop plan
 * says so; then the global view {@code <im_start> <im_patch>×globalTokens <im_end>}. Local crops first,
 * global last, which is also the order the model's image features fill the {@code <im_patch>} rows in.
 *
 * @param globalTokens features per global view (config {@code image_token_len}: 169 real, 16 tiny)
 * @param cropTokens   features per local crop (config {@code patch_token_len}: 81 real, 9 tiny)
 */
public record ImageTokenLayout(int globalTokens, int cropTokens) {
    public ImageTokenLayout {
        if (globalTokens <= 0 || cropTokens <= 0) {
            throw new IllegalArgumentException("token counts per view must be positive, got global "
                    + globalTokens + ", crop " + cropTokens);
        }
    }

    /** The release: 169 global tokens (13x13), 81 per crop (9x9). */
    public static ImageTokenLayout release() {
        return new ImageTokenLayout(169, 81);
    }

    /** A checkpoint's counts: {@code image_token_len} global, {@code patch_token_len} per crop. */
    public static ImageTokenLayout fromModelConfig(ModelConfig config) {
        return new ImageTokenLayout(config.imageTokenLen(), config.patchTokenLen());
    }

    /** Tokens one placeholder becomes: {@code crops*(cropTokens+2) + newlines + globalTokens + 2}. */
    public int count(CropPlan plan) {
        return plan.numCrops() * (cropTokens + 2) + plan.numNewlines() + globalTokens + 2;
    }

    /** How many {@code <im_patch>} rows (image features) the image fills: crops, then the global view. */
    public int featureRows(CropPlan plan) {
        return plan.numCrops() * cropTokens + globalTokens;
    }

    /** The token ids one image placeholder expands to. */
    public int[] expand(CropPlan plan, ImageTokenIds ids) {
        int[] out = new int[count(plan)];
        int at = 0;
        for (int k = 0; k < plan.numCrops(); k++) {
            out[at++] = ids.patchStart();
            Arrays.fill(out, at, at + cropTokens, ids.imagePatch());
            at += cropTokens;
            out[at++] = ids.patchEnd();
            if (plan.newlineAfter().get(k)) {
                out[at++] = ids.patchNewline();
            }
        }
        out[at++] = ids.imageStart();
        Arrays.fill(out, at, at + globalTokens, ids.imagePatch());
        at += globalTokens;
        out[at] = ids.imageEnd();
        return out;
    }

    /**
     * Replaces each {@code <im_patch>} placeholder of a rendered prompt, in order, by the expansion of the
     * matching image.
     *
     * @throws UserError if the prompt's placeholder count differs from the number of images
     */
    public int[] expandPrompt(int[] promptIds, List<CropPlan> images, ImageTokenIds ids) {
        int placeholders = 0;
        int extra = 0;
        for (int id : promptIds) {
            if (id == ids.imagePatch()) {
                if (placeholders < images.size()) {
                    extra += count(images.get(placeholders)) - 1;
                }
                placeholders++;
            }
        }
        if (placeholders != images.size()) {
            throw new UserError("the prompt has " + placeholders + " image placeholder(s) "
                    + ImageTokenIds.IM_PATCH + " but " + images.size() + " image(s) were given");
        }
        int[] out = new int[promptIds.length + extra];
        int at = 0;
        int image = 0;
        for (int id : promptIds) {
            if (id == ids.imagePatch()) {
                int[] expansion = expand(images.get(image++), ids);
                System.arraycopy(expansion, 0, out, at, expansion.length);
                at += expansion.length;
            } else {
                out[at++] = id;
            }
        }
        return out;
    }

    /** {@link #expandPrompt(int[], List, ImageTokenIds)} for 64-bit ids (DJL's tokenizer output). */
    public long[] expandPrompt(long[] promptIds, List<CropPlan> images, ImageTokenIds ids) {
        int[] narrow = new int[promptIds.length];
        for (int i = 0; i < narrow.length; i++) {
            if (promptIds[i] < 0 || promptIds[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("token id out of range at " + i + ": " + promptIds[i]);
            }
            narrow[i] = (int) promptIds[i];
        }
        return Arrays.stream(expandPrompt(narrow, images, ids)).asLongStream().toArray();
    }
}
