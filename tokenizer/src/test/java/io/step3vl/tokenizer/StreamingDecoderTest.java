package io.step3vl.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {
    private final TextTokenizer tokenizer = Qwen3Fixture.tokenizer();

    /** Streams ids one by one; returns the chunks, the last one being finish(). */
    private List<String> stream(long[] ids, boolean skipSpecial) {
        StreamingDecoder decoder = tokenizer.streamingDecoder(skipSpecial);
        List<String> chunks = new ArrayList<>();
        for (long id : ids) {
            chunks.add(decoder.push(id));
        }
        chunks.add(decoder.finish());
        assertThat(decoder.hasPending()).isFalse();
        assertThat(decoder.text()).isEqualTo(String.join("", chunks));
        return chunks;
    }

    @Test
    void partialCharactersAreHeldBackUntilComplete() {
        // 👨‍👩‍👧: ZWJ (U+200D) is split over ids 378 and 235
        long[] ids = {145367, 378, 235, 145233, 378, 235, 145665};
        List<String> chunks = stream(ids, false);
        assertThat(chunks).containsExactly("👨", "", "\u200D", "👩", "", "\u200D", "👧", "");
    }

    @Test
    void everyDecodePartialRowStreamsToItsFullDecode() {
        for (JsonNode row : Qwen3Fixture.decodePartial()) {
            long[] ids = Qwen3Fixture.ids(row.path("ids"));
            List<String> chunks = stream(ids, false);
            String all = String.join("", chunks);
            assertThat(all).as(row.toString()).isEqualTo(row.path("decoded").asText());
            // before finish() nothing broken is ever emitted: U+FFFD only appears in the flush
            for (String chunk : chunks.subList(0, chunks.size() - 1)) {
                assertThat(chunk).as(row.toString()).doesNotContain("\uFFFD");
            }
        }
    }

    @Test
    void streamingTheWholeCorpusEqualsDecodingIt() {
        for (JsonNode row : Qwen3Fixture.corpus()) {
            long[] ids = Qwen3Fixture.ids(row.path("ids"));
            String where = row.path("name").asText();
            assertThat(String.join("", stream(ids, false))).as(where).isEqualTo(row.path("decoded").asText());
            String category = row.path("category").asText();
            if (category.equals("special") || category.equals("chat")) {
                assertThat(String.join("", stream(ids, true))).as(where)
                        .isEqualTo(row.path("decoded_skip_special").asText());
            }
        }
    }

    @Test
    void fourByteCharacterSplitOverThreeTokensAppearsOnlyWhenComplete() {
        StreamingDecoder decoder = tokenizer.streamingDecoder(false);
        assertThat(decoder.push(172)).isEmpty();
        assertThat(decoder.push(63219)).isEmpty();
        assertThat(decoder.hasPending()).isTrue();
        assertThat(decoder.push(222)).isEqualTo("𠀀");
        assertThat(decoder.hasPending()).isFalse();
    }

    @Test
    void anUnfinishedCharacterAtTheEndIsFlushedAsReplacement() {
        StreamingDecoder decoder = tokenizer.streamingDecoder(false);
        assertThat(decoder.push(145367)).isEqualTo("👨");
        assertThat(decoder.push(378)).isEmpty();
        assertThat(decoder.finish()).isEqualTo("\uFFFD");
    }
}
