package io.step3vl.tokenizer.inspect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to tokenize.
 *
 * @param model            checkpoint directory (tokenizer files; config.json for image geometry)
 * @param chat             a conversation JSON file (contract §4), rendered with the checkpoint's template
 * @param images           image files added to a user turn before {@code text} (implies the template)
 * @param text             plain text, or the user turn's text in template mode; may be empty
 * @param useTemplate      render {@code text} (and images) as one user turn with the chat template
 * @param thinking         the template's {@code enable_thinking}
 * @param generationPrompt end with the assistant header
 * @param escapeUserText   encode user text with added-token matching off
 */
public record TokenizeRequest(Path model, Optional<Path> chat, List<Path> images, String text,
                              boolean useTemplate, boolean thinking, boolean generationPrompt,
                              boolean escapeUserText) {
    public TokenizeRequest {
        images = List.copyOf(images);
        text = text == null ? "" : text;
    }

    /** Whether the chat template is involved (a chat file, images, or template mode). */
    public boolean chatMode() {
        return chat.isPresent() || !images.isEmpty() || useTemplate;
    }
}
