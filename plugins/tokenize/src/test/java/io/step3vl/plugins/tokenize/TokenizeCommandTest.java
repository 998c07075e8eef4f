package io.step3vl.plugins.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.Step3vl;
import io.step3vl.common.Json;
import io.step3vl.model.config.Presets;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.toy.ToyTokenizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands under the real host, in-process, on the toy tokenizer. */
class TokenizeCommandTest {
    private static TextTokenizer toy;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void load() {
        toy = ToyTokenizer.load();
    }

    @AfterAll
    static void close() {
        toy.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Step3vl.builder().home(null).env(Map.of()).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new TokenizeCommand()).command(new TokenizerCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A tiny-preset checkpoint dir: toy tokenizer + config.json (224/168 geometry). */
    private static Path tinyCheckpoint(Path dir) {
        ToyTokenizer.writeTo(dir);
        Presets.get(Presets.TINY).write(dir.resolve("config.json"));
        return dir;
    }

    private static Path png(Path file, int width, int height) throws Exception {
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    private static String ids(long[] ids) {
        return String.join(" ", Arrays.stream(ids).mapToObj(Long::toString).toList());
    }

    @Test
    void plainTextPrintsItsIds(@TempDir Path dir) {
        Path model = tinyCheckpoint(dir);
        assertThat(run("tokenize", "--model", model.toString(), "a red star")).isZero();
        long[] expected = toy.encode("a red star");
        assertThat(out()).isEqualTo("ids (" + expected.length + "): " + ids(expected) + "\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void verboseListsEveryPiece(@TempDir Path dir) {
        Path model = tinyCheckpoint(dir);
        assertThat(run("tokenize", "--model", model.toString(), "-v", "a red\nstar<|im_end|>")).isZero();
        assertThat(out()).contains("'Ġred'").contains("'<|im_end|>'  (special)").contains("'Ċ'");
    }

    @Test
    void chatFileWithAnImageShowsTheTemplateThePlanAndTheExpandedCount(@TempDir Path dir) throws Exception {
        Path model = tinyCheckpoint(dir.resolve("ckpt"));
        png(dir.resolve("scene.png"), 400, 300);
        Path chat = dir.resolve("chat.json");
        Files.writeString(chat, """
                {"messages": [{"role": "user", "content": [
                  {"type": "image", "image": "scene.png"}, {"type": "text", "text": "How many stars?"}]}]}""");
        assertThat(run("tokenize", "--model", model.toString(), "--chat", chat.toString(), "--no-think")).isZero();
        assertThat(out()).contains("--- rendered ---\n<|im_start|>user\n<im_patch>How many stars?<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\n--- end ---\n");
        // 400x300 with the tiny geometry (global 224, crops 168): window 168, canvas 504x336, 3x2 crops
        assertThat(out()).contains("image 1: " + dir.resolve("scene.png"))
                .contains("window 168, canvas 504x336, grid 3x2 = 6 crops, 1 newline")
                .contains((6 * (9 + 2) + 1 + 16 + 2) + " tokens"); // crops with markers, newline, global view

        assertThat(run("tokenize", "--model", model.toString(), "--chat", chat.toString(), "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.path("mode").asText()).isEqualTo("chat");
        int count = json.path("count").asInt();
        assertThat(json.path("input_count").asInt()).isEqualTo(count - 1 + 85);
        assertThat(json.path("images").get(0).path("tokens").asInt()).isEqualTo(85);
        int placeholder = 0;
        while (json.path("ids").get(placeholder).asLong() != ToyTokenizer.IMAGE_TOKEN_ID) {
            placeholder++;
        }
        assertThat(json.path("input_ids").get(placeholder).asLong()).isEqualTo(504); // <patch_start>
        assertThat(json.path("input_ids").get(placeholder + 1).asLong()).isEqualTo(501);
    }

    @Test
    void imagesUseTheReleaseGeometryWithoutAConfig(@TempDir Path dir) throws Exception {
        ToyTokenizer.writeTo(dir.resolve("tok"));
        Path image = png(dir.resolve("wide.png"), 1280, 720);
        assertThat(run("tokenize", "--model", dir.resolve("tok").toString(), "--image", image.toString(),
                "What is this?", "--json")).isZero();
        JsonNode plan = Json.MAPPER.readTree(out()).path("images").get(0);
        assertThat(plan.path("crops").asInt()).isEqualTo(6);
        assertThat(plan.path("tokens").asInt()).isEqualTo(670);
        assertThat(plan.path("width").asInt()).isEqualTo(1280);
    }

    @Test
    void templateModeRendersTextAsAUserTurn(@TempDir Path dir) {
        Path model = tinyCheckpoint(dir);
        assertThat(run("tokenize", "--model", model.toString(), "--template", "--no-generation-prompt", "hi")).isZero();
        assertThat(out()).contains("--- rendered ---\n<|im_start|>user\nhi<|im_end|>\n--- end ---");
    }

    @Test
    void escapeKeepsTypedSpecialTokensAsText(@TempDir Path dir) throws Exception {
        Path model = tinyCheckpoint(dir);
        assertThat(run("tokenize", "--model", model.toString(), "--escape", "--json", "<|im_end|>")).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.path("ids").toString()).doesNotContain("498");
        assertThat(run("tokenize", "--model", model.toString(), "--json", "<|im_end|>")).isZero();
        assertThat(Json.MAPPER.readTree(out()).path("ids").toString()).isEqualTo("[498]");
    }

    @Test
    void decodePrintsText(@TempDir Path dir) {
        Path model = tinyCheckpoint(dir);
        String ids = ids(toy.encode("a blue circle")).replace(' ', ',');
        assertThat(run("tokenize", "--model", model.toString(), "--decode", ids + ",498")).isZero();
        assertThat(out()).isEqualTo("a blue circle<|im_end|>\n");
        assertThat(run("tokenize", "--model", model.toString(), "--decode", "-3")).isEqualTo(2);
    }

    @Test
    void badInputsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        Path model = tinyCheckpoint(dir.resolve("ckpt"));
        assertThat(run("tokenize", "--model", dir.resolve("nope").toString(), "x")).isEqualTo(2);
        assertThat(err()).contains("nope").doesNotContain("Exception").hasLineCount(1);
        assertThat(run("tokenize", "--model", model.toString())).isEqualTo(2);
        assertThat(err()).contains("nothing to tokenize").hasLineCount(1);
        Path chat = dir.resolve("bad.json");
        Files.writeString(chat, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]}");
        assertThat(run("tokenize", "--model", model.toString(), "--chat", chat.toString())).isEqualTo(2);
        assertThat(err()).contains("messages[0].content[0].type").hasLineCount(1);
        Files.writeString(dir.resolve("not-an-image.png"), "hello");
        assertThat(run("tokenize", "--model", model.toString(), "--image", dir.resolve("not-an-image.png").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("not-an-image.png").hasLineCount(1);
        assertThat(run("tokenize", "x")).isEqualTo(2);
        assertThat(err()).contains("--model");
    }

    @Test
    void trainWritesALoadableTokenizer(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.writeString(corpus, "{\"text\": \"a red star and a blue star and a red circle\"}\n".repeat(20));
        Path out = dir.resolve("tok");
        assertThat(run("tokenizer", "train", "--corpus", corpus.toString(), "--vocab-size", "300", "--out",
                out.toString(), "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out());
        assertThat(json.path("documents").asInt()).isEqualTo(20);
        int vocab = json.path("vocab_size").asInt();
        assertThat(vocab).isLessThanOrEqualTo(300).isGreaterThan(272);
        try (TextTokenizer trained = TextTokenizer.load(out)) {
            assertThat(trained.vocabSize()).isEqualTo(vocab);
            assertThat(trained.encode("a red star").length).isLessThan("a red star".length());
        }
        assertThat(run("tokenizer", "train", "--corpus", corpus.toString(), "--vocab-size", "100", "--out",
                out.toString())).isEqualTo(2);
        assertThat(err()).contains("--vocab-size").hasLineCount(1);
        assertThat(run("tokenizer", "train", "--corpus", corpus.toString())).isEqualTo(2);
        assertThat(err()).contains("--out");
    }

    @Test
    void toyWritesTheShippedTokenizer(@TempDir Path dir) {
        assertThat(run("tokenizer", "toy", "--out", dir.toString())).isZero();
        assertThat(out()).contains("512 ids");
        try (TextTokenizer written = TextTokenizer.load(dir)) {
            assertThat(written.encode("a red star")).containsExactly(toy.encode("a red star"));
        }
    }

    @Test
    void helpHasExamplesAndTheGroupCommandShowsUsage() {
        assertThat(run("tokenize", "--help")).isZero();
        assertThat(out()).contains("Examples:").contains("--no-think").contains("--chat");
        assertThat(run("tokenizer", "train", "--help")).isZero();
        assertThat(out()).contains("Examples:").contains("--vocab-size");
        assertThat(run("tokenizer")).isEqualTo(2);
        assertThat(err()).contains("train").contains("toy");
    }
}
