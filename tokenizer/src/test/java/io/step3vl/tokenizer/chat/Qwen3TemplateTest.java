package io.step3vl.tokenizer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.tokenizer.Qwen3Fixture;
import io.step3vl.tokenizer.TextTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Qwen3's public chat template (from the fixture's tokenizer_config.json) rendered by Jinjava must
 * reproduce the fixture's chat rows, which were written in that template's format: text and ids.
 */
class Qwen3TemplateTest {
    private final TextTokenizer tokenizer = Qwen3Fixture.tokenizer();
    private final ChatTemplate template = ChatTemplate.require(tokenizer);
    private final ChatEncoder encoder = new ChatEncoder(tokenizer, template);

    private void assertRow(String rowName, List<Message> messages, ChatOptions options) {
        JsonNode row = Qwen3Fixture.row(rowName);
        EncodedChat chat = encoder.encode(messages, options);
        assertThat(chat.text()).isEqualTo(row.path("text").asText());
        assertThat(chat.ids()).containsExactly(Qwen3Fixture.ids(row.path("ids")));
    }

    @Test
    void templateComesFromTokenizerConfig() {
        assertThat(template.origin()).endsWith("tokenizer_config.json: chat_template");
        assertThat(template.source()).contains("enable_thinking");
    }

    @Test
    void singleUserTurnWithGenerationPrompt() {
        assertRow("single-user-gen-prompt", List.of(Message.user("What is the capital of France?")),
                ChatOptions.GENERATE);
    }

    @Test
    void systemUserAssistantWithReasoningContent() {
        assertRow("system-user-assistant-think", List.of(
                Message.system("You are a helpful assistant."),
                Message.user("Solve 12 * 13."),
                Message.assistant("12 × 13 = 156.", "12 * 13 = 12 * 10 + 12 * 3 = 120 + 36 = 156.")),
                ChatOptions.TRAIN);
    }

    @Test
    void reasoningInsideContentIsSplitByTheTemplate() {
        // the template's own split('</think>') path: same text as with reasoning_content
        assertRow("system-user-assistant-think", List.of(
                Message.system("You are a helpful assistant."),
                Message.user("Solve 12 * 13."),
                Message.assistant("<think>\n12 * 13 = 12 * 10 + 12 * 3 = 120 + 36 = 156.\n</think>\n\n12 × 13 = 156.")),
                ChatOptions.TRAIN);
    }

    @Test
    void thinkingOffGenerationPrompt() {
        assertRow("no-think-generation-prompt", List.of(Message.user("Say hi in Chinese.")),
                ChatOptions.GENERATE.withThinking(false));
    }

    @Test
    void multiTurnDropsReasoningOfEarlierTurns() {
        assertRow("multi-turn", List.of(
                Message.user("Hi!"),
                Message.assistant("Hello! How can I help you today?", "a greeting, reply politely"),
                Message.user("请用中文回答：1+1等于几？"),
                Message.assistant("1+1等于2。", "用户问1+1。")),
                ChatOptions.TRAIN);
    }

    @Test
    void toolsToolCallsAndToolResponses() {
        // key order matters for tojson: build the tool as the fixture lists it
        Map<String, Object> orderedTool = new java.util.LinkedHashMap<>();
        orderedTool.put("type", "function");
        Map<String, Object> function = new java.util.LinkedHashMap<>();
        function.put("name", "get_time");
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of());
        function.put("parameters", parameters);
        orderedTool.put("function", function);
        Message call = new Message("assistant", List.of(), null, Map.of("tool_calls", List.of(
                Map.of("type", "function", "function", Map.of("name", "get_time", "arguments", Map.of())))));
        assertRow("tools-system-prompt", List.of(
                Message.user("What time is it?"), call, new Message("tool", List.of(new Part.Text("12:34")), null)),
                ChatOptions.GENERATE.withVariable("tools", List.of(orderedTool)));
    }

    @Test
    void visionTokensTypedAsTextAreMatched() {
        assertRow("vision-turn-qwen-tokens", List.of(
                Message.user("<|vision_start|><|image_pad|><|vision_end|>What is in this picture?"),
                Message.assistant("A cat sitting on a mat.", "The image shows a cat.")), ChatOptions.TRAIN);
    }

    @Test
    void emojiAndMultilingualText() {
        assertRow("emoji-multilingual-turn", List.of(
                Message.user("¿Qué significa 🙂 en japonés? 日本語で答えて。"),
                Message.assistant("笑顔です 😊", "User asks in Spanish.")), ChatOptions.TRAIN);
    }
}
