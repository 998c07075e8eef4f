package io.step3vl.tokenizer.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * How to render a conversation: whether to end with the assistant's generation prompt, whether the
 * model should think ({@code enable_thinking}), and any further template variables ({@code tools},
 * ...).
 */
public record ChatOptions(boolean addGenerationPrompt, boolean enableThinking, Map<String, Object> variables) {
    /** Generation prompt on, thinking on: what inference uses by default. */
    public static final ChatOptions GENERATE = new ChatOptions(true, true, Map.of());
    /** A finished conversation (training data): no generation prompt. */
    public static final ChatOptions TRAIN = new ChatOptions(false, true, Map.of());

    public ChatOptions {
        variables = Map.copyOf(variables);
    }

    public ChatOptions withGenerationPrompt(boolean on) {
        return new ChatOptions(on, enableThinking, variables);
    }

    public ChatOptions withThinking(boolean on) {
        return new ChatOptions(addGenerationPrompt, on, variables);
    }

    public ChatOptions withVariable(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(variables);
        copy.put(name, value);
        return new ChatOptions(addGenerationPrompt, enableThinking, copy);
    }
}
