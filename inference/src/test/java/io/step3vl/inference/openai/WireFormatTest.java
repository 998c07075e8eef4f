package io.step3vl.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.image.ImageSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 7};
    private final ImageSources server = ImageSources.forServer(false, 1 << 20, Duration.ofSeconds(1));
    private final SamplingParams defaults = new SamplingParams(1.0, 1.0, 0, 0, 1, 512, 0, List.of(), true);

    @Test
    void requestsSurviveTheRoundTrip() throws Exception {
        ImageData png = new ImageData(PNG, "image/png", "a.png");
        ChatMessage user = new ChatMessage("user", List.of(new ContentPart.Text("look: "), new ContentPart.Image(png),
                new ContentPart.Text(" and say")), null);
        ChatMessage assistant = new ChatMessage("assistant", List.of(new ContentPart.Text("4")), "2+2");
        SamplingParams s = new SamplingParams(0.3, 0.8, 40, 0.1, 1.2, 99, 123456789012L, List.of("a", "b"), false);
        ChatRequest sent = new ChatRequest(List.of(ChatMessage.system("sys"), user, assistant, ChatMessage.user("again")), s, 3);

        JsonNode wire = Json.MAPPER.readTree(Json.line(ChatRequestJson.toJson(sent, "m", true)));
        ChatRequestJson.Parsed parsed = ChatRequestJson.fromJson(wire, server, defaults);

        assertThat(parsed.model()).isEqualTo("m");
        assertThat(parsed.stream()).isTrue();
        assertThat(parsed.includeUsage()).isTrue();
        ChatRequest got = parsed.request();
        assertThat(got.n()).isEqualTo(3);
        assertThat(got.sampling()).isEqualTo(s);
        assertThat(got.messages()).hasSize(4);
        assertThat(got.messages().get(1).content()).hasSize(3);
        assertThat(got.messages().get(1).text()).isEqualTo("look:  and say");
        assertThat(got.messages().get(1).images().get(0).bytes()).isEqualTo(PNG);
        assertThat(got.messages().get(2).reasoning()).isEqualTo("2+2");
        assertThat(got.messages().get(3)).isEqualTo(ChatMessage.user("again"));
    }

    @Test
    void absentFieldsTakeTheDefaultsAndAnUnseededRequestGetsARandomSeed() throws Exception {
        JsonNode body = Json.MAPPER.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":-1}");
        ChatRequest a = ChatRequestJson.fromJson(body, server, defaults).request();
        ChatRequest b = ChatRequestJson.fromJson(body, server, defaults).request();
        assertThat(a.sampling().withSeed(0)).isEqualTo(defaults);
        assertThat(a.sampling().seed()).isNotEqualTo(b.sampling().seed());
        assertThat(a.n()).isEqualTo(1);
        JsonNode newer = Json.MAPPER.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_completion_tokens\":7,\"stop\":\"X\"}");
        SamplingParams s = ChatRequestJson.fromJson(newer, server, defaults).request().sampling();
        assertThat(s.maxTokens()).isEqualTo(7);
        assertThat(s.stop()).containsExactly("X");
    }

    @Test
    void invalidFieldsNameTheParam() throws Exception {
        assertThat(param("{\"model\":\"m\",\"messages\":[]}")).isEqualTo("messages");
        assertThat(param("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isEqualTo("model");
        assertThat(param("{\"model\":\"m\",\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isEqualTo("n");
        assertThat(param("{\"model\":\"m\",\"top_p\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isEqualTo("top_p");
        assertThat(param("{\"model\":\"m\",\"max_tokens\":\"many\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isEqualTo("max_tokens");
        assertThat(param("{\"model\":\"m\",\"stop\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isEqualTo("stop");
        assertThat(param("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}"))
                .isEqualTo("messages[0].content[0].type");
        assertThat(param("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}")).isEqualTo("messages[0].content");
        assertThat(param("{\"model\":\"m\",\"chat_template_kwargs\":{\"enable_thinking\":\"no\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .isEqualTo("chat_template_kwargs.enable_thinking");
        assertThatThrownBy(() -> ChatRequestJson.fromJson(Json.MAPPER.readTree("{\"model\":\"m\",\"temperature\":-2,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), server, defaults))
                .hasMessage("temperature: must be >= 0, got -2.0");
    }

    @Test
    void itemFilesUseTheToolkitImagePartAndPlainStrings() throws Exception {
        JsonNode messages = Json.MAPPER.readTree("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(PNG) + "\"},{\"type\":\"text\",\"text\":\"q\"}]},"
                + "{\"role\":\"assistant\",\"content\":null}]");
        List<ChatMessage> parsed = MessageJson.fromJson(messages, server, "items.jsonl:4");
        assertThat(parsed.get(0).images()).hasSize(1);
        assertThat(parsed.get(1).text()).isEmpty();
        assertThatThrownBy(() -> MessageJson.fromJson(Json.MAPPER.readTree("[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":\"x.png\"}]}]"),
                server, "items.jsonl:4")).hasMessageStartingWith("items.jsonl:4: messages[0].content[0].image: ");
    }

    @Test
    void repliesSurviveTheRoundTripAndShareOutTokens() throws Exception {
        List<Completion> completions = List.of(
                new Completion("<think>a</think>\n\nA", null, "stop", 10, 5, 0, null, null),
                new Completion("B", "b", "length", 10, 6, 0, null, null));
        JsonNode wire = Json.MAPPER.readTree(Json.line(ChatResponseJson.completion("id", "m", 1, completions, true)));
        assertThat(wire.get("usage").get("completion_tokens").asInt()).isEqualTo(11);
        assertThat(wire.get("usage").get("total_tokens").asInt()).isEqualTo(21);
        List<Completion> back = ChatResponseJson.parse(wire, 0.5);
        assertThat(back.get(0).content()).isEqualTo("\n\nA");
        assertThat(back.get(0).reasoning()).isEqualTo("a");
        assertThat(back.get(1).reasoning()).isEqualTo("b");
        assertThat(back.get(1).finishReason()).isEqualTo("length");
        assertThat(back.get(0).completionTokens() + back.get(1).completionTokens()).isEqualTo(11);
        assertThat(ChatResponseJson.shareOut(10, 3)).containsExactly(4, 3, 3);
    }

    @Test
    void sseEventsJoinDataLinesAndSkipComments() {
        List<String> events = new ArrayList<>();
        SseParser p = new SseParser(events::add);
        for (String line : List.of(": keep-alive", "data: {\"a\":1}", "", "event: x", "data:one", "data: two", "", "data: [DONE]")) {
            p.line(line);
        }
        p.end();
        assertThat(events).containsExactly("{\"a\":1}", "one\ntwo", "[DONE]");
    }

    @Test
    void errorMessagesAreFoundInTheUsualShapes() {
        assertThat(OpenAiError.messageOf("{\"error\":{\"message\":\"m1\"}}")).isEqualTo("m1");
        assertThat(OpenAiError.messageOf("{\"object\":\"error\",\"message\":\"m2\"}")).isEqualTo("m2");
        assertThat(OpenAiError.messageOf("{\"detail\":\"Not Found\"}")).isEqualTo("Not Found");
        assertThat(OpenAiError.messageOf("<html>\n  Bad   Gateway</html>")).isEqualTo("<html> Bad Gateway</html>");
        assertThat(OpenAiError.messageOf("")).isEqualTo("(empty body)");
    }

    private String param(String json) throws Exception {
        try {
            ChatRequestJson.fromJson(Json.MAPPER.readTree(json), server, defaults);
        } catch (InvalidRequestException e) {
            return e.param();
        }
        throw new AssertionError("accepted: " + json);
    }
}
