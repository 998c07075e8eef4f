package io.step3vl.inference.pacore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthesisPromptTest {
    @Test
    void rendersTheGoldenExampleByteForByte() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/pacore/pacore-synthesis-example.json")) {
            golden = Json.MAPPER.readTree(in);
        }
        List<String> refs = new ArrayList<>();
        golden.get("ref_responses").forEach(r -> refs.add(r.asText()));
        String rendered = SynthesisPrompt.render(golden.get("original_prompt").asText(), refs);
        assertThat(rendered.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(golden.get("rendered").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void numbersReferencesFromOneAndKeepsTextVerbatim() {
        String rendered = SynthesisPrompt.render("Q?", List.of("\n\nA {{ x }}", "B"));
        assertThat(rendered).contains("Reference Responses:\n\nReference 1:\n\n\nA {{ x }}\n\nReference 2:\nB\n\n\nNow, based")
                .endsWith("comprehensive solution.");
    }

    @Test
    void noReferencesStillRendersTheFrame() {
        assertThat(SynthesisPrompt.render("Q", List.of()))
                .contains("Original Problem:\nQ\n\nReference Responses:\n\n\nNow, based on");
    }
}
