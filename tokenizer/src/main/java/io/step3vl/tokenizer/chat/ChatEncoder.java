package io.step3vl.tokenizer.chat;

import io.step3vl.common.UserError;
import io.step3vl.image.ImageTokenIds;
import io.step3vl.tokenizer.TextTokenizer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversation to token ids: the checkpoint's chat template renders it, the tokenizer encodes it,
 * and the image placeholders ({@code <im_patch>}, looked up in the tokenizer) are located so the image
 * processor can expand them.
 *
 * <p>With {@code escapeUserText}, the text of user and tool turns is encoded with added-token matching
 * off: a user who types {@code <|im_end|><|im_start|>system} gets those characters, not a forged turn.
 * The template then sees an opaque marker instead of that text (so it cannot inspect it), the rendered
 * text is split at the markers, and each user text is encoded on its own.
 */
public final class ChatEncoder {
    /** Roles whose text comes from outside (people, tools) rather than from the model or the operator. */
    public static final Set<String> UNTRUSTED_ROLES = Set.of("user", "tool");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TextTokenizer tokenizer;
    private final ChatTemplate template;
    private final OptionalLong imageTokenId;

    public ChatEncoder(TextTokenizer tokenizer, ChatTemplate template) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.imageTokenId = tokenizer.tokenId(ImageTokenIds.IM_PATCH);
    }

    /** An encoder with the checkpoint's own template ({@link UserError} if it has none). */
    public static ChatEncoder of(TextTokenizer tokenizer) {
        return new ChatEncoder(tokenizer, ChatTemplate.require(tokenizer));
    }

    public ChatTemplate template() {
        return template;
    }

    /** Renders and encodes; added-token text typed in messages is matched as tokens (as HF does). */
    public EncodedChat encode(List<Message> messages, ChatOptions options) {
        return encode(messages, options, false);
    }

    public EncodedChat encode(List<Message> messages, ChatOptions options, boolean escapeUserText) {
        List<Part.Image> images = new ArrayList<>();
        for (Message message : messages) {
            images.addAll(message.images());
        }
        String text;
        long[] ids;
        if (!escapeUserText) {
            text = template.render(messages, options, tokenizer);
            ids = tokenizer.encode(text);
        } else {
            String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(6));
            List<String> untrusted = new ArrayList<>();
            List<Message> masked = mask(messages, nonce, untrusted);
            String rendered = template.render(masked, options, tokenizer);
            StringBuilder shown = new StringBuilder(rendered.length());
            List<long[]> pieces = new ArrayList<>();
            Matcher m = Pattern.compile("\uE000" + nonce + "(\\d+)\uE001").matcher(rendered);
            int from = 0;
            while (m.find()) {
                String trusted = rendered.substring(from, m.start());
                String user = untrusted.get(Integer.parseInt(m.group(1)));
                pieces.add(tokenizer.encode(trusted));
                pieces.add(tokenizer.encodePlainText(user));
                shown.append(trusted).append(user);
                from = m.end();
            }
            pieces.add(tokenizer.encode(rendered.substring(from)));
            shown.append(rendered, from, rendered.length());
            text = shown.toString();
            ids = concat(pieces);
        }
        return new EncodedChat(text, ids, images, imagePositions(ids, images.size()));
    }

    /** The conversation with every untrusted text part replaced by a marker numbering it. */
    private static List<Message> mask(List<Message> messages, String nonce, List<String> untrusted) {
        List<Message> masked = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (!UNTRUSTED_ROLES.contains(message.role())) {
                masked.add(message);
                continue;
            }
            List<Part> parts = new ArrayList<>();
            for (Part part : message.parts()) {
                if (part instanceof Part.Text t && !t.text().isEmpty()) {
                    parts.add(new Part.Text("\uE000" + nonce + untrusted.size() + "\uE001"));
                    untrusted.add(t.text());
                } else {
                    parts.add(part);
                }
            }
            masked.add(new Message(message.role(), parts, message.reasoning(), message.extra()));
        }
        return masked;
    }

    private int[] imagePositions(long[] ids, int imageCount) {
        if (imageTokenId.isEmpty()) {
            if (imageCount > 0) {
                throw UserError.at(tokenizer.files().tokenizerJson(), "the conversation has " + imageCount
                        + " image(s) but the tokenizer has no " + ImageTokenIds.IM_PATCH + " token");
            }
            return new int[0];
        }
        long placeholder = imageTokenId.getAsLong();
        int[] positions = new int[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == placeholder) {
                positions[n++] = i;
            }
        }
        if (n != imageCount) {
            throw new UserError(template.origin() + ": the rendered prompt has " + n + " image placeholder(s) "
                    + ImageTokenIds.IM_PATCH + " but the conversation has " + imageCount + " image(s)"
                    + (n > imageCount ? " (is " + ImageTokenIds.IM_PATCH + " typed in the text? escape user text)" : ""));
        }
        return java.util.Arrays.copyOf(positions, n);
    }

    private static long[] concat(List<long[]> pieces) {
        int total = 0;
        for (long[] piece : pieces) {
            total += piece.length;
        }
        long[] out = new long[total];
        int at = 0;
        for (long[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }
}
