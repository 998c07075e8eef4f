package io.step3vl.tokenizer.chat;

import io.step3vl.common.UserError;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint's own Jinja chat template, rendered as transformers' {@code apply_chat_template} does.
 *
 * <p>The template sees {@code messages} as a list of dicts: {@code role}, {@code content} (a string
 * when the message is text only, else a list of {@code {"type":"text","text"}} and
 * {@code {"type":"image","image": source}} dicts in order), {@code reasoning_content} when the message
 * has one, and the message's extra fields; plus {@code add_generation_prompt}, {@code enable_thinking},
 * the named special tokens ({@code bos_token}, {@code eos_token}, ...) and the caller's variables.
 */
public final class ChatTemplate {
    private final String source;
    private final String prepared;
    private final String origin;

    private ChatTemplate(String source, String origin) {
        this.source = source;
        this.prepared = JinjaEngine.prepare(source);
        this.origin = origin;
    }

    /** Classpath resource of the toolkit's own ChatML template (architecture.md §5.5). */
    public static final String TOOLKIT_TEMPLATE_RESOURCE = "io/step3vl/tokenizer/chat/toolkit_chat_template.jinja";

    /**
     * The template the toolkit's own checkpoints ship: ChatML turns, one {@code <im_patch>} per image
     * where it occurs, reasoning as {@code <think>\n...\n</think>\n\n}, and a generation prompt that
     * opens a think block ({@code <think>\n\n</think>\n\n} with thinking off).
     */
    public static String toolkitSource() {
        try (java.io.InputStream in = ChatTemplate.class.getClassLoader().getResourceAsStream(TOOLKIT_TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TOOLKIT_TEMPLATE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ChatTemplate toolkit() {
        return of(toolkitSource(), "step3vl toolkit chat template");
    }

    /** A template from its source; {@code origin} names it in error messages. */
    public static ChatTemplate of(String source, String origin) {
        return new ChatTemplate(source, origin);
    }

    /**
     * The template of a checkpoint: {@code chat_template.jinja} if present (it takes precedence, as
     * in transformers), else {@code chat_template} in tokenizer_config.json.
     */
    public static Optional<ChatTemplate> find(TextTokenizer tokenizer) {
        TokenizerFiles files = tokenizer.files();
        if (files.chatTemplate().isPresent()) {
            Path file = files.chatTemplate().get();
            try {
                return Optional.of(of(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw UserError.at(file, "cannot read: " + e.getMessage());
            }
        }
        return tokenizer.config().chatTemplate().map(t -> of(t,
                files.tokenizerConfig().map(Path::toString).orElse("tokenizer_config.json") + ": chat_template"));
    }

    /** Like {@link #find} but a checkpoint without a template is a {@link UserError}. */
    public static ChatTemplate require(TextTokenizer tokenizer) {
        return find(tokenizer).orElseThrow(() -> UserError.at(tokenizer.files().tokenizerJson().getParent(),
                "no chat template: expected chat_template.jinja or chat_template in tokenizer_config.json"));
    }

    public String source() {
        return source;
    }

    public String origin() {
        return origin;
    }

    /** Renders {@code messages}; {@code specialTokens} are bos_token/eos_token/... for the template. */
    public String render(List<Message> messages, ChatOptions options, Map<String, String> specialTokens) {
        Map<String, Object> variables = new HashMap<>(specialTokens);
        variables.putAll(options.variables());
        variables.put("messages", toTemplateValues(messages));
        variables.put("add_generation_prompt", options.addGenerationPrompt());
        variables.put("enable_thinking", options.enableThinking());
        return JinjaEngine.render(prepared, variables, origin);
    }

    /** Renders with the tokenizer's named special tokens. */
    public String render(List<Message> messages, ChatOptions options, TextTokenizer tokenizer) {
        return render(messages, options, tokenizer.namedSpecialTokens());
    }

    static List<Map<String, Object>> toTemplateValues(List<Message> messages) {
        List<Map<String, Object>> values = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Map<String, Object> m = new LinkedHashMap<>(message.extra());
            m.put("role", message.role());
            m.put("content", message.textOnly() ? message.text() : parts(message.parts()));
            if (message.reasoning() != null) {
                m.put("reasoning_content", message.reasoning());
            }
            values.add(m);
        }
        return values;
    }

    private static List<Map<String, Object>> parts(List<Part> parts) {
        List<Map<String, Object>> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (part instanceof Part.Text text) {
                p.put("type", "text");
                p.put("text", text.text());
            } else if (part instanceof Part.Image image) {
                p.put("type", "image");
                p.put("image", image.source());
            }
            out.add(p);
        }
        return out;
    }
}
