package io.step3vl.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the Qwen3 fixture corpus encodes to the recorded ids and decodes back. */
class CorpusRoundTripTest {
    private final TextTokenizer tokenizer = Qwen3Fixture.tokenizer();

    @Test
    void corpusHasAllRows() {
        assertThat(Qwen3Fixture.corpus()).hasSize(211);
    }

    @Test
    void everyRowEncodesToTheRecordedIdsAndPieces() {
        int checked = 0;
        for (JsonNode row : Qwen3Fixture.corpus()) {
            String text = row.path("text").asText();
            String where = row.path("id").asText() + " " + row.path("name").asText();
            assertThat(tokenizer.encode(text)).as(where).containsExactly(Qwen3Fixture.ids(row.path("ids")));
            TokenizedText tokens = tokenizer.tokenize(text);
            List<String> expected = new ArrayList<>();
            row.path("tokens").forEach(t -> expected.add(t.asText()));
            assertThat(tokens.pieces()).as(where).containsExactlyElementsOf(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(211);
    }

    @Test
    void everyRowDecodesBackWithAndWithoutSpecialTokens() {
        for (JsonNode row : Qwen3Fixture.corpus()) {
            long[] ids = Qwen3Fixture.ids(row.path("ids"));
            String where = row.path("id").asText() + " " + row.path("name").asText();
            assertThat(tokenizer.decode(ids, false)).as(where).isEqualTo(row.path("decoded").asText());
            assertThat(tokenizer.decode(ids, true)).as(where).isEqualTo(row.path("decoded_skip_special").asText());
            if (row.path("roundtrip").asText().equals("exact")) {
                assertThat(tokenizer.decode(ids, false)).as(where).isEqualTo(row.path("text").asText());
            }
        }
    }

    @Test
    void batchEncodingGivesTheSameIdsAsOneByOne() {
        List<JsonNode> rows = Qwen3Fixture.corpus();
        List<String> texts = rows.stream().map(r -> r.path("text").asText()).toList();
        List<long[]> batch = tokenizer.encodeBatch(texts);
        assertThat(batch).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(batch.get(i)).as(rows.get(i).path("name").asText())
                    .containsExactly(Qwen3Fixture.ids(rows.get(i).path("ids")));
        }
        assertThat(tokenizer.encodeBatch(List.of())).isEmpty();
    }

    @Test
    void charSpansPointIntoTheInput() {
        String text = "Hello, world! 你好";
        TokenizedText tokens = tokenizer.tokenize(text);
        assertThat(tokens.charStart()[0]).isZero();
        assertThat(tokens.charEnd()[tokens.size() - 1]).isEqualTo(text.length());
        assertThat(text.substring(tokens.charStart()[1], tokens.charEnd()[1])).isEqualTo(",");
    }
}
