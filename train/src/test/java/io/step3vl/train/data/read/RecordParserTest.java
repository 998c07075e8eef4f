package io.step3vl.train.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.train.data.Origin;
import io.step3vl.train.data.Part;
import io.step3vl.train.data.Role;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordParserTest {
    @TempDir
    Path dir;
    ImageResolver files;
    final Origin origin = new Origin("src", "f.jsonl", "line 1");

    @BeforeEach
    void images() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/x.png"), TestData.png(7));
        Files.writeString(dir.resolve("images/not-an-image.png"), "hello");
        files = ImageResolver.files(dir, ImageCheck.HEADER);
    }

    private Sample parse(SampleKind kind, String json) throws BadRecordException {
        return new RecordParser(kind).parseJson(json.getBytes(StandardCharsets.UTF_8), files, origin);
    }

    private void bad(SampleKind kind, String json, String message) {
        assertThatThrownBy(() -> parse(kind, json)).isInstanceOf(BadRecordException.class).hasMessageContaining(message);
    }

    @Test
    void sftConversationWithImageAndReasoning() throws Exception {
        Sample.Chat chat = (Sample.Chat) parse(SampleKind.SFT, "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":\"images/x.png\"},{\"type\":\"text\",\"text\":\"what?\"}]},"
                + "{\"role\":\"assistant\",\"content\":\"red\",\"reasoning_content\":\"it is red\"}]}");
        assertThat(chat.turns()).extracting(t -> t.role()).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT);
        assertThat(chat.turns().get(2).reasoning()).isEqualTo("it is red");
        assertThat(chat.turns().get(1).text()).isEqualTo("what?");
        assertThat(chat.images()).hasSize(1);
        assertThat(chat.images().get(0).file()).isEqualTo(dir.resolve("images/x.png"));
        assertThat(chat.images().get(0).width()).isEqualTo(4);
        assertThat(chat.images().get(0).height()).isEqualTo(3);
        assertThat(chat.reference()).isNull();
        assertThat(chat.origin()).isEqualTo(origin);
    }

    @Test
    void openAiImageUrlsWithDataUris() throws Exception {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestData.png(3));
        Sample.Chat chat = (Sample.Chat) parse(SampleKind.ANY, "{\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + uri + "\"}}]}]}");
        assertThat(chat.images().get(0).inMemory()).isTrue();
        assertThat(chat.images().get(0).decode().getRGB(0, 0) & 0xFFFFFF).isEqualTo(3);
    }

    @Test
    void evalItemsCarryTheirReference() throws Exception {
        Sample.Chat item = (Sample.Chat) parse(SampleKind.PROMPT, "{\"id\":\"q1\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"2+2?\"}],\"answer\":4,\"answer_type\":\"number\",\"category\":\"math\","
                + "\"options\":{\"A\":\"4\"},\"metadata\":{\"k\":1}}");
        assertThat(item.reference().id()).isEqualTo("q1");
        assertThat(item.reference().answer()).isEqualTo("4");
        assertThat(item.reference().answerType()).isEqualTo("number");
        assertThat(item.reference().options()).containsEntry("A", "4");
        assertThat(item.reference().metadata().get("k").asInt()).isEqualTo(1);
        assertThat(item.toChatMessages().get(0).text()).isEqualTo("2+2?");
    }

    @Test
    void pretrainingTextAndInterleavedDocuments() throws Exception {
        assertThat(((Sample.Text) parse(SampleKind.PRETRAIN, "{\"text\":\"hello\"}")).text()).isEqualTo("hello");
        Sample.Document doc = (Sample.Document) parse(SampleKind.PRETRAIN,
                "{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\",\"image\":\"images/x.png\"},\"b\"]}");
        assertThat(doc.parts()).hasSize(3);
        assertThat(doc.parts().get(1)).isInstanceOf(Part.Image.class);
        assertThat(((Part.Text) doc.parts().get(2)).text()).isEqualTo("b");
        assertThat(((Sample.Document) parse(SampleKind.PRETRAIN, "{\"content\":\"plain\"}")).parts())
                .containsExactly(new Part.Text("plain"));
    }

    @Test
    void problemsNameTheField() {
        bad(SampleKind.ANY, "{\"text\": ", "malformed JSON");
        bad(SampleKind.ANY, "[1,2]", "expected a JSON object, got array");
        bad(SampleKind.ANY, "{\"id\":1}", "missing field: expected \"messages\", \"content\" or \"text\"");
        bad(SampleKind.ANY, "{\"text\":5}", "text: expected a string, got number");
        bad(SampleKind.ANY, "{\"messages\":[]}", "messages: expected a non-empty array");
        bad(SampleKind.ANY, "{\"messages\":[{\"content\":\"x\"}]}", "messages[0].role: missing");
        bad(SampleKind.ANY, "{\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}", "messages[0].role: expected system, user or assistant, got 'bot'");
        bad(SampleKind.ANY, "{\"messages\":[{\"role\":\"user\"}]}", "messages[0].content: missing");
        bad(SampleKind.ANY, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}",
                "messages[0].content[0].type: expected text, image or image_url, got 'video'");
        bad(SampleKind.ANY, "{\"content\":[{\"type\":\"image\",\"image\":\"images/missing.png\"}]}",
                "content[0]: image 'images/missing.png': no such file");
        bad(SampleKind.ANY, "{\"content\":[{\"type\":\"image\",\"image\":\"images/not-an-image.png\"}]}",
                "not an image in a supported format");
        bad(SampleKind.ANY, "{\"content\":[{\"type\":\"image\",\"image\":\"https://example.com/a.png\"}]}",
                "remote URL");
        bad(SampleKind.SFT, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "expected an SFT record");
        bad(SampleKind.PRETRAIN, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "expected a pre-training record");
        bad(SampleKind.PROMPT, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "expected a prompt record");
        bad(SampleKind.ANY, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"reasoning_content\":\"r\"}]}",
                "only assistant turns have reasoning");
    }

    @Test
    void imageChecksCatchTruncatedFilesOnlyWhenDecoding() throws Exception {
        byte[] png = TestData.png(9);
        Files.write(dir.resolve("images/cut.png"), java.util.Arrays.copyOf(png, png.length - 20));
        String json = "{\"content\":[{\"type\":\"image\",\"image\":\"images/cut.png\"}]}";
        ImageResolver none = ImageResolver.files(dir, ImageCheck.NONE);
        assertThat(new RecordParser(SampleKind.ANY).parseJson(json.getBytes(), none, origin)).isNotNull();
        ImageResolver decode = ImageResolver.files(dir, ImageCheck.DECODE);
        assertThatThrownBy(() -> new RecordParser(SampleKind.ANY).parseJson(json.getBytes(), decode, origin))
                .hasMessageContaining("unreadable");
    }

    @Test
    void tarSamplesAreJsonCaptionPairsOrText() throws Exception {
        RecordParser parser = new RecordParser(SampleKind.ANY);
        Map<String, byte[]> json = new LinkedHashMap<>();
        json.put("png", TestData.png(5));
        json.put("json", "{\"content\":[{\"type\":\"image\",\"image\":\"k.png\"},{\"type\":\"image\",\"image\":\"png\"}]}".getBytes());
        Sample.Document d = (Sample.Document) parser.parseMembers("k", json, ImageResolver.members("k", json, ImageCheck.HEADER), origin);
        assertThat(d.images()).hasSize(2).allSatisfy(i -> assertThat(i.inMemory()).isTrue());

        Map<String, byte[]> caption = new LinkedHashMap<>();
        caption.put("jpg", TestData.png(5)); // the extension names the member; ImageIO sniffs the format
        caption.put("txt", "a cat".getBytes());
        Sample.Document c = (Sample.Document) parser.parseMembers("k", caption,
                ImageResolver.members("k", caption, ImageCheck.HEADER), origin);
        assertThat(c.parts().get(1)).isEqualTo(new Part.Text("a cat"));

        Map<String, byte[]> text = Map.of("txt", "just text".getBytes());
        assertThat(parser.parseMembers("k", text, ImageResolver.members("k", text, ImageCheck.HEADER), origin))
                .isEqualTo(new Sample.Text("just text", origin));

        Map<String, byte[]> missing = new LinkedHashMap<>();
        missing.put("json", "{\"content\":[{\"type\":\"image\",\"image\":\"other.png\"}]}".getBytes());
        assertThatThrownBy(() -> parser.parseMembers("k", missing, ImageResolver.members("k", missing, ImageCheck.HEADER), origin))
                .hasMessageContaining("image 'other.png' is not a member of sample k");
        Map<String, byte[]> nothing = Map.of("cls", "3".getBytes());
        assertThatThrownBy(() -> parser.parseMembers("k", nothing, ImageResolver.members("k", nothing, ImageCheck.HEADER), origin))
                .hasMessageContaining("missing member");
    }
}
