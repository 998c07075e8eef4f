package io.step3vl.tokenizer.toy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.image.ImageTokenIds;
import io.step3vl.tokenizer.Qwen3Fixture;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.bpe.BpeModel;
import io.step3vl.tokenizer.bpe.ByteLevel;
import io.step3vl.tokenizer.bpe.TokenizerJsonWriter;
import io.step3vl.tokenizer.chat.ChatEncoder;
import io.step3vl.tokenizer.chat.ChatOptions;
import io.step3vl.tokenizer.chat.EncodedChat;
import io.step3vl.tokenizer.chat.Message;
import io.step3vl.tokenizer.chat.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyTokenizerTest {
    private static TextTokenizer toy;

    @BeforeAll
    static void load() {
        toy = ToyTokenizer.load();
    }

    @AfterAll
    static void close() {
        toy.close();
    }

    private static Path corpus(Path dir) throws IOException {
        Path file = dir.resolve("shapes-corpus.txt.gz");
        try (InputStream in = ToyTokenizerTest.class.getClassLoader().getResourceAsStream("toy/shapes-corpus.txt.gz")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void shippedFilesAreExactlyWhatTrainingOnTheDocumentedCorpusWrites(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("trained");
        TokenizerTraining.Result result = TokenizerTraining.train(List.of(corpus(dir)), 512, 2, out);
        assertThat(result.merges()).isEqualTo(ToyTokenizer.MERGES);
        assertThat(result.vocabSize()).isEqualTo(ToyTokenizer.VOCAB_SIZE);
        for (String name : ToyTokenizer.FILES) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(ToyTokenizer.resource(name));
        }
    }

    @Test
    void idsFollowTheContract() {
        assertThat(toy.vocabSize()).isEqualTo(512);
        List<String> specials = ToolkitTokenizerWriter.SPECIAL_TOKENS;
        for (int i = 0; i < specials.size(); i++) {
            assertThat(toy.requireTokenId(specials.get(i))).as(specials.get(i)).isEqualTo(496 + i);
        }
        assertThat(toy.requireTokenId("<|endoftext|>")).isEqualTo((long) ToyTokenizer.BOS_TOKEN_ID);
        assertThat(toy.requireTokenId("<|im_end|>")).isEqualTo((long) ToyTokenizer.EOS_TOKEN_IDS.get(0));
        assertThat(toy.requireTokenId("<im_patch>")).isEqualTo((long) ToyTokenizer.IMAGE_TOKEN_ID);
        assertThat(toy.requireTokenId("<|reserved_4|>")).isEqualTo(511);
        for (int b = 0; b < 256; b++) {
            assertThat(toy.vocabulary().piece(b)).hasValue(String.valueOf(ByteLevel.charOf(b)));
        }
        assertThat(toy.vocabulary().isSpecial(499)).isFalse(); // <think> survives skip-special decoding
        assertThat(toy.vocabulary().isSpecial(501)).isTrue();
        assertThat(toy.namedSpecialTokens()).containsEntry("eos_token", "<|im_end|>")
                .containsEntry("pad_token", "<|endoftext|>");
    }

    @Test
    void imageMarkersResolveThroughTheImageApi() {
        ImageTokenIds ids = ImageTokenIds.lookup(content -> {
            var id = toy.tokenId(content);
            return id.isPresent() ? (int) id.getAsLong() : null;
        }, "toy");
        assertThat(ids).isEqualTo(new ImageTokenIds(501, 502, 503, 504, 505, 506));
    }

    @Test
    void djlAgreesWithTheTrainersOwnEncoderOnShapesText(@TempDir Path dir) throws IOException {
        BpeModel model = TokenizerJsonWriter.read(new String(ToyTokenizer.resource("tokenizer.json"), StandardCharsets.UTF_8));
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(corpus(dir)))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        int checked = 0;
        for (int i = 0; i < lines.length; i += 7) {
            assertThat(toy.encode(lines[i])).as(lines[i]).containsExactly(model.encode(lines[i]));
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
        // the shapes vocabulary became whole-word merges
        assertThat(toy.encode("a large blue square").length).isEqualTo(4);
    }

    @Test
    void djlAgreesWithTheTrainersOwnEncoderOnEveryQwen3CorpusText() {
        BpeModel model = TokenizerJsonWriter.read(new String(ToyTokenizer.resource("tokenizer.json"), StandardCharsets.UTF_8));
        for (JsonNode row : Qwen3Fixture.corpus()) {
            String text = row.path("text").asText();
            assertThat(toy.encodePlainText(text)).as(row.path("name").asText()).containsExactly(model.encode(text));
        }
    }

    @Test
    void anyTextRoundTripsThroughTheToyTokenizer() {
        for (JsonNode row : Qwen3Fixture.corpus()) {
            String text = row.path("text").asText();
            String expected = Normalizer.normalize(text, Normalizer.Form.NFC);
            assertThat(toy.decode(toy.encode(text), false)).as(row.path("name").asText())
                    .isIn(text, expected);
        }
    }

    @Test
    void chatsRenderWithTheShippedTemplate() {
        ChatEncoder encoder = ChatEncoder.of(toy);
        EncodedChat chat = encoder.encode(List.of(Message.user(List.of(
                new Part.Image("/x/scene.png"), new Part.Text("How many stars are there?")))), ChatOptions.GENERATE);
        assertThat(chat.text()).isEqualTo("<|im_start|>user\n<im_patch>How many stars are there?<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n");
        long[] ids = chat.ids();
        assertThat(ids[0]).isEqualTo(497);
        assertThat(ids[chat.imagePositions()[0]]).isEqualTo(501);
        assertThat(chat.imagePositions()).containsExactly(toy.encode("<|im_start|>user\n").length);
        assertThat(ids[ids.length - 2]).isEqualTo(499); // <think>, then "\n"
        assertThat(toy.decode(ids, false)).isEqualTo(chat.text());
        assertThat(encoder.template().origin()).endsWith("chat_template.jinja");
    }

    @Test
    void writeToPutsTheThreeFilesInACheckpointDir(@TempDir Path dir) {
        ToyTokenizer.writeTo(dir);
        for (String name : ToyTokenizer.FILES) {
            assertThat(dir.resolve(name)).isRegularFile();
        }
        try (TextTokenizer t = TextTokenizer.load(dir)) {
            assertThat(t.encode("a red star")).containsExactly(toy.encode("a red star"));
        }
    }
}
