package io.step3vl.inference.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.FakeBackend;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.pacore.PaCoRe;
import io.step3vl.inference.pacore.PaCoReConfig;
import io.step3vl.inference.pacore.PaCoReResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswererTest {
    private final SamplingParams sampling = SamplingParams.sampled(64, 0);
    private final List<ChatMessage> conversation = List.of(ChatMessage.user("What is 2+2?"));

    @Test
    void singleRequestStreamsAndReportsTimingAndTokens() throws Exception {
        FakeBackend backend = FakeBackend.deterministic();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        Answer a = new Answerer(backend, sampling, null, 0).answer(conversation, 17, new Answerer.Listener() {
            @Override
            public void text(String delta, boolean isReasoning) {
                (isReasoning ? reasoning : content).append(delta);
            }
        });
        assertThat(backend.requests()).singleElement().satisfies(r -> assertThat(r.sampling().seed()).isEqualTo(17));
        assertThat(reasoning.toString()).startsWith("thinking about");
        assertThat(content.toString()).startsWith("\n\nanswer 2");
        assertThat(a.pacore()).isNull();
        assertThat(a.firstTextSeconds()).isBetween(0.0, a.seconds());
        assertThat(a.totalCompletionTokens()).isEqualTo(a.completion().completionTokens());

        JsonNode json = Json.MAPPER.readTree(Json.line(AnswerJson.of(a, true)));
        assertThat(json.get("answer").asText()).isEqualTo(content.toString().strip());
        assertThat(json.get("reasoning").asText()).isEqualTo(reasoning.toString());
        assertThat(json.get("seed").asLong()).isEqualTo(17);
        assertThat(json.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(a.completion().completionTokens());
        assertThat(json.has("pacore")).isFalse();
    }

    @Test
    void paCoReStreamsOnlyTheFinalSynthesisAndMatchesARunOfItsOwn() throws Exception {
        StringBuilder streamed = new StringBuilder();
        Answer a = new Answerer(FakeBackend.deterministic(), sampling, List.of(4), 0).answer(conversation, 5,
                new Answerer.Listener() {
                    @Override
                    public void text(String delta, boolean isReasoning) {
                        streamed.append(delta);
                    }
                });
        PaCoReResult direct = PaCoRe.run(FakeBackend.deterministic(), conversation, new PaCoReConfig(List.of(4), sampling, 0, 5));
        assertThat(a.completion().content()).isEqualTo(direct.finalCompletion().content());
        assertThat(streamed.toString()).isEqualTo(a.completion().content().replace("<think>", "").replace("</think>", ""));
        JsonNode json = Json.MAPPER.readTree(Json.line(AnswerJson.of(a, true)));
        assertThat(json.get("pacore").get("rounds").get(0)).hasSize(4);
        assertThat(json.get("pacore").get("rounds").get(1)).hasSize(1);
        assertThat(json.get("usage").get("total_completion_tokens").asLong()).isEqualTo(direct.totalCompletionTokens());
    }
}
