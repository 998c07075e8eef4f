package io.step3vl.tokenizer.inspect;

import java.util.List;

/**
 * The result of tokenizing text or a conversation.
 *
 * @param model        the checkpoint directory
 * @param template     where the chat template came from (null in text mode)
 * @param text         the input text, or the rendered conversation
 * @param tokens       one entry per id of {@code text}'s encoding (one placeholder per image)
 * @param images       each image's plan and token count, in placeholder order
 * @param inputIds     the ids with each image placeholder expanded (what the model receives); equal
 *                     to the token ids when there are no images
 */
public record Tokenization(String model, String template, String text, List<Token> tokens, List<ImagePlan> images,
                           long[] inputIds) {
    public Tokenization {
        tokens = List.copyOf(tokens);
        images = List.copyOf(images);
    }

    /**
     * One token.
     *
     * @param id      its id
     * @param piece   the vocabulary string ({@code Ġhello} for byte-level BPE; the content for added tokens)
     * @param special whether it is an added token flagged special
     */
    public record Token(long id, String piece, boolean special) {}

    /**
     * How one image is laid out.
     *
     * @param source     path, URL or data URI as given
     * @param width      decoded width (EXIF orientation applied)
     * @param height     decoded height
     * @param summary    the crop plan in words
     * @param window     crop window before resizing (0 = global view only)
     * @param columns    crops per row
     * @param rows       crop rows
     * @param crops      local crops
     * @param newlines   {@code <patch_newline>} tokens
     * @param tokens     tokens the placeholder becomes
     */
    public record ImagePlan(String source, int width, int height, String summary, int window, int columns, int rows,
                            int crops, int newlines, int tokens) {}

    public long[] ids() {
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
        }
        return ids;
    }

    public boolean chat() {
        return template != null;
    }
}
