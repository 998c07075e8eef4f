package io.step3vl.tokenizer.bpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.toy.TokenizerTraining;
import io.step3vl.tokenizer.toy.ToolkitTokenizerWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
    private static String pieces(BpeModel model, Merge merge) {
        return model.pieces().get(merge.left()) + " " + model.pieces().get(merge.right());
    }

    @Test
    void mergesTheMostFrequentPairFirstAndStopsAtMinFrequency() {
        BpeTrainer trainer = new BpeTrainer();
        trainer.add("ab ab ab cd");
        BpeModel model = trainer.train(1000, 2);
        // pieces: "ab", "Ġab" x2, "Ġcd": (a,b) x3, then (Ġ,ab) x2; (Ġ,c) and (c,d) occur once
        assertThat(model.merges()).extracting(m -> pieces(model, m)).containsExactly("a b", "Ġ ab");
        assertThat(model.size()).isEqualTo(258);
        assertThat(model.pieces().get(256)).isEqualTo("ab");
        assertThat(model.encode("ab ab cd")).containsExactly(256, 257, ' ', 'c', 'd'); // byte ids
    }

    @Test
    void tiesGoToTheSmallerIdsAndSizeIsABound() {
        BpeTrainer trainer = new BpeTrainer();
        trainer.add("xy xy ab ab");
        BpeModel model = trainer.train(257, 1);
        // (Ġ,a), (a,b) and (x,y) all occur twice: the smallest left id wins, and 'Ġ' is byte 32
        assertThat(model.merges()).hasSize(1);
        assertThat(pieces(model, model.merges().get(0))).isEqualTo("Ġ a");
        assertThatThrownBy(() -> trainer.train(100, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteLevelCoversAllBytesReversibly() {
        for (int b = 0; b < 256; b++) {
            assertThat(ByteLevel.decode(String.valueOf(ByteLevel.charOf(b)))).containsExactly((byte) b);
        }
        assertThat(ByteLevel.encode(" \n")).isEqualTo("ĠĊ");
        assertThat(ByteLevel.encode("é")).isEqualTo("Ã©");
        assertThatThrownBy(() -> ByteLevel.decode("\u4e00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preTokenizerSplitsLikeQwen3() {
        assertThat(PreTokenizer.split("Hello world, it's 2024!\n\n  ok"))
                .containsExactly("Hello", "Ġworld", ",", "Ġit", "'s", "Ġ", "2", "0", "2", "4", "!ĊĊ", "Ġ", "Ġok");
    }

    /** Random strings from awkward pieces: learned merges must give DJL and the reference encoder the same ids. */
    @Test
    void djlReproducesTheReferenceEncoderOnRandomText(@TempDir Path dir) throws IOException {
        String[] atoms = {"the", " cat", " sat", "é", "ö", "你好", "😀", "👨‍👩‍👧", " ", "  ", "\n", "\r\n", "\t", "12",
                "3.5", "'s", "'LL", "!?", "...", "[1, 2]", "<", "|>", "ß", "Ω", "\u00a0", "\u3000", "a\u0301", "x"};
        SplittableRandom rng = new SplittableRandom(42);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rng.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(atoms[rng.nextInt(atoms.length)]);
            }
            texts.add(sb.toString());
        }
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, String.join("\n", texts.subList(0, 300)));
        Path out = dir.resolve("tok");
        TokenizerTraining.Result result = TokenizerTraining.train(List.of(corpus), 400, 2, out);
        assertThat(result.merges()).isGreaterThan(50);
        BpeModel model = TokenizerJsonWriter.read(Files.readString(out.resolve("tokenizer.json")));
        try (TextTokenizer djl = TextTokenizer.load(out)) {
            for (String text : texts) {
                assertThat(djl.encodePlainText(text)).as(text).containsExactly(model.encode(text));
            }
            assertThat(djl.vocabSize()).isEqualTo(result.vocabSize());
            assertThat(djl.requireTokenId("<|endoftext|>")).isEqualTo(model.size());
        }
    }

    @Test
    void trainingRejectsBadArguments(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "some text");
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> TokenizerTraining.train(List.of(corpus), 271, 2, out))
                .isInstanceOf(UserError.class).hasMessageContaining("--vocab-size").hasMessageContaining("272");
        assertThatThrownBy(() -> TokenizerTraining.train(List.of(), 512, 2, out))
                .isInstanceOf(UserError.class).hasMessageContaining("--corpus");
        assertThatThrownBy(() -> TokenizerTraining.train(List.of(dir.resolve("none.txt")), 512, 2, out))
                .isInstanceOf(UserError.class).hasMessageContaining("none.txt");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"ok\"}\n{broken\n");
        assertThatThrownBy(() -> TokenizerTraining.train(List.of(bad), 512, 2, out))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.jsonl:2");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> TokenizerTraining.train(List.of(empty), 512, 2, out))
                .isInstanceOf(UserError.class).hasMessageContaining("no text");
        assertThat(ToolkitTokenizerWriter.SPECIAL_TOKENS).hasSize(16);
    }

    @Test
    void corpusJsonlYieldsTextsContentPartsMessagesAndReasoning(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"text\": \"plain\"}",
                "{\"content\": [{\"type\": \"image\", \"image\": \"a.png\"}, {\"type\": \"text\", \"text\": \"caption\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, "
                        + "{\"role\": \"assistant\", \"content\": \"a\", \"reasoning_content\": \"r\"}]}",
                ""));
        List<String> texts = new ArrayList<>();
        assertThat(CorpusTexts.read(file, texts::add)).isEqualTo(5);
        assertThat(texts).containsExactly("plain", "caption", "q", "a", "r");
    }
}
