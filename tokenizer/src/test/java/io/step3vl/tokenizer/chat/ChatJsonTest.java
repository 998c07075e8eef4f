package io.step3vl.tokenizer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatJsonTest {
    @Test
    void readsAllContentFormsAndResolvesImagePaths(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, """
                {"messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [
                     {"type": "image", "image": "images/a.png"},
                     {"type": "text", "text": "and"},
                     {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                     {"type": "image_url", "image_url": "https://example.com/b.jpg"}]},
                  {"role": "assistant", "content": "Two.", "reasoning_content": "count", "name": "bot"}
                ]}""");
        List<Message> messages = ChatJson.readFile(file);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).isEqualTo(Message.system("Be brief."));
        Message user = messages.get(1);
        assertThat(user.parts()).containsExactly(
                new Part.Image(dir.resolve("images/a.png").toString()),
                new Part.Text("and"),
                new Part.Image("data:image/png;base64,AAAA"),
                new Part.Image("https://example.com/b.jpg"));
        assertThat(user.textOnly()).isFalse();
        assertThat(user.images()).hasSize(3);
        assertThat(messages.get(2).reasoning()).isEqualTo("count");
        assertThat(messages.get(2).extra()).isEqualTo(Map.of("name", "bot"));
    }

    @Test
    void aBareArrayIsAConversationToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, "[{\"role\": \"user\", \"content\": \"hi\"}]");
        assertThat(ChatJson.readFile(file)).containsExactly(Message.user("hi"));
    }

    @Test
    void malformedMessagesNameTheirPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"audio\"}]}]}");
        assertThatThrownBy(() -> ChatJson.readFile(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("messages[0].content[0].type").hasMessageContaining("audio");
        Files.writeString(file, "{\"messages\": [{\"content\": \"x\"}]}");
        assertThatThrownBy(() -> ChatJson.readFile(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("messages[0].role");
        Files.writeString(file, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\"}]}]}");
        assertThatThrownBy(() -> ChatJson.readFile(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("messages[0].content[0].image");
        Files.writeString(file, "{\"conversation\": []}");
        assertThatThrownBy(() -> ChatJson.readFile(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("expected {\"messages\"");
        Files.writeString(file, "{\"messages\": [");
        assertThatThrownBy(() -> ChatJson.readFile(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("malformed JSON");
    }
}
