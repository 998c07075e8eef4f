package io.step3vl.tokenizer.chat;

import java.util.List;

/**
 * A rendered and encoded conversation.
 *
 * @param text           what the template produced (untrusted text shown as typed)
 * @param ids            its token ids, one image placeholder id per image
 * @param images         the conversation's images in the order their placeholders appear
 * @param imagePositions index in {@code ids} of each image's placeholder (same order as {@code images})
 */
public record EncodedChat(String text, long[] ids, List<Part.Image> images, int[] imagePositions) {
    public EncodedChat {
        images = List.copyOf(images);
    }
}
