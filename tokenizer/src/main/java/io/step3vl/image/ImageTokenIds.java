package io.step3vl.image;

import io.step3vl.common.UserError;
import io.step3vl.model.config.ModelConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Vocabulary ids of the six image marker tokens. They are ordinary added tokens of the checkpoint's
 * tokenizer and differ between checkpoints (the release: 151679–151691; the toy tokenizer: 501–506), so
 * they are always looked up by content, never hard-coded (architecture.md §5.3, §9 item 5).
 *
 * @param imagePatch   {@code <im_patch>}: the placeholder the chat template emits and the rows image
 *                     features replace (= config {@code image_token_id})
 * @param imageStart   {@code <im_start>}, before the global view's patches
 * @param imageEnd     {@code <im_end>}, after them
 * @param patchStart   {@code <patch_start>}, before each local crop's patches
 * @param patchEnd     {@code <patch_end>}, after them
 * @param patchNewline {@code <patch_newline>}, after the last crop of each crop row but the last
 */
public record ImageTokenIds(int imagePatch, int imageStart, int imageEnd, int patchStart, int patchEnd,
                            int patchNewline) {
    public static final String IM_PATCH = "<im_patch>";
    public static final String IM_START = "<im_start>";
    public static final String IM_END = "<im_end>";
    public static final String PATCH_START = "<patch_start>";
    public static final String PATCH_END = "<patch_end>";
    public static final String PATCH_NEWLINE = "<patch_newline>";

    /** The six token contents in the order of this record's components. */
    public static final List<String> TOKENS = List.of(IM_PATCH, IM_START, IM_END, PATCH_START, PATCH_END,
            PATCH_NEWLINE);

    public ImageTokenIds {
        int[] ids = {imagePatch, imageStart, imageEnd, patchStart, patchEnd, patchNewline};
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException(TOKENS.get(i) + " id must be >= 0, got " + ids[i]);
            }
            for (int j = 0; j < i; j++) {
                if (ids[i] == ids[j]) {
                    throw new IllegalArgumentException(TOKENS.get(i) + " and " + TOKENS.get(j)
                            + " share the id " + ids[i]);
                }
            }
        }
    }

    /**
     * Looks the six tokens up by content.
     *
     * @param idOf   the tokenizer's token-to-id lookup (e.g. its added tokens); returns null when absent
     * @param source what to name in the error (e.g. {@code "model/tokenizer.json"})
     * @throws UserError naming every missing token
     */
    public static ImageTokenIds lookup(Function<String, Integer> idOf, String source) {
        List<String> missing = new ArrayList<>();
        int[] ids = new int[TOKENS.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = idOf.apply(TOKENS.get(i));
            if (id == null) {
                missing.add(TOKENS.get(i));
            } else {
                ids[i] = id;
            }
        }
        if (!missing.isEmpty()) {
            throw UserError.at(source, "the tokenizer has no image marker token(s) " + String.join(", ", missing)
                    + "; a vision checkpoint's tokenizer must define " + String.join(" ", TOKENS));
        }
        try {
            return new ImageTokenIds(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
        } catch (IllegalArgumentException e) {
            throw UserError.at(source, e.getMessage());
        }
    }

    /**
     * The marker ids of a checkpoint: {@code <im_patch>}, {@code <im_start>} and {@code <im_end>} under the
     * names its config gives ({@code im_patch_token}, ...), the patch markers under their standard names, all
     * looked up in its tokenizer. The tokenizer's {@code <im_patch>} must be the config's
     * {@code image_token_id}, since that id decides which embedding rows image features replace.
     *
     * @throws UserError naming {@code source} for a missing token or an id that disagrees with the config
     */
    public static ImageTokenIds forModel(ModelConfig config, Function<String, Integer> idOf, String source) {
        Function<String, Integer> renamed = token -> switch (token) {
            case IM_PATCH -> idOf.apply(config.imPatchToken());
            case IM_START -> idOf.apply(config.imStartToken());
            case IM_END -> idOf.apply(config.imEndToken());
            default -> idOf.apply(token);
        };
        ImageTokenIds ids = lookup(renamed, source);
        if (ids.imagePatch() != config.imageTokenId()) {
            throw UserError.at(source, "the tokenizer's " + config.imPatchToken() + " is id " + ids.imagePatch()
                    + " but config.json image_token_id is " + config.imageTokenId());
        }
        return ids;
    }

    /** Same as {@link #lookup(Function, String)} on a content-to-id map (e.g. added_tokens.json). */
    public static ImageTokenIds fromMap(Map<String, Integer> tokenToId, String source) {
        return lookup(tokenToId::get, source);
    }

    /** Content to id, in the order of {@link #TOKENS}. */
    public Map<String, Integer> asMap() {
        int[] ids = {imagePatch, imageStart, imageEnd, patchStart, patchEnd, patchNewline};
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            map.put(TOKENS.get(i), ids[i]);
        }
        return map;
    }
}
