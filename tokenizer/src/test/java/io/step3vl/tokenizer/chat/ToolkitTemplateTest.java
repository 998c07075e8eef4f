package io.step3vl.tokenizer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.tokenizer.Qwen3Fixture;
import io.step3vl.tokenizer.TextTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's ChatML template (architecture §5.5), run on the Qwen3 tokenizer: it must reproduce
 * the fixture rows written in that layout, including the STEP3-VL image placeholder row.
 */
class ToolkitTemplateTest {
    private final TextTokenizer tokenizer = Qwen3Fixture.tokenizer();
    private final ChatTemplate template = ChatTemplate.toolkit();
    private final ChatEncoder encoder = new ChatEncoder(tokenizer, template);

    private void assertRow(String rowName, List<Message> messages, ChatOptions options) {
        JsonNode row = Qwen3Fixture.row(rowName);
        assertThat(template.render(messages, options, tokenizer)).isEqualTo(row.path("text").asText());
        assertThat(tokenizer.encode(row.path("text").asText())).containsExactly(Qwen3Fixture.ids(row.path("ids")));
    }

    @Test
    void imagePlaceholderWhereTheImageIsAndThinkingGenerationPrompt() {
        assertRow("vision-turn-step3vl-placeholder", List.of(Message.user(List.of(
                new Part.Image("/data/cat.png"), new Part.Text("What is in this picture?")))), ChatOptions.GENERATE);
    }

    @Test
    void thinkingOffGenerationPromptHasAnEmptyThinkBlock() {
        assertRow("no-think-generation-prompt", List.of(Message.user("Say hi in Chinese.")),
                ChatOptions.GENERATE.withThinking(false));
    }

    @Test
    void assistantHistoryWithAndWithoutReasoning() {
        assertRow("system-user-assistant-think", List.of(
                Message.system("You are a helpful assistant."),
                Message.user("Solve 12 * 13."),
                Message.assistant("12 × 13 = 156.", "12 * 13 = 12 * 10 + 12 * 3 = 120 + 36 = 156.")),
                ChatOptions.TRAIN);
        assertRow("multi-turn", List.of(
                Message.user("Hi!"),
                Message.assistant("Hello! How can I help you today?"),
                Message.user("请用中文回答：1+1等于几？"),
                Message.assistant("1+1等于2。", "用户问1+1。")), ChatOptions.TRAIN);
    }

    @Test
    void imagesInterleavedWithTextKeepTheirPlaces() {
        String text = template.render(List.of(Message.user(List.of(
                new Part.Text("Compare "), new Part.Image("a.png"), new Part.Text(" with "),
                new Part.Image("b.png"), new Part.Text(".")))), ChatOptions.GENERATE, tokenizer);
        assertThat(text).isEqualTo("<|im_start|>user\nCompare <im_patch> with <im_patch>.<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n");
    }

    @Test
    void emptyReasoningRendersTheNoThinkForm() {
        String text = template.render(List.of(Message.user("hi"), Message.assistant("hello", "")),
                ChatOptions.TRAIN, tokenizer);
        assertThat(text).isEqualTo("<|im_start|>user\nhi<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\nhello<|im_end|>\n");
    }
}
