package io.step3vl.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.CoordinateFormat;
import io.step3vl.inference.ContentPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlItemsTest {

    @Test
    void readsEveryKindOfItemInTheFixture() throws Exception {
        List<EvalItem> items = Datasets.readAll(DatasetSpec.of(TsvItemsTest.fixture("items.jsonl")));
        assertThat(items).hasSize(10);
        Map<String, EvalItem> byId = new java.util.HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));

        EvalItem choice = byId.get("choice-1");
        assertThat(choice.reference().type()).isEqualTo(AnswerType.CHOICE);
        assertThat(choice.reference().options()).containsEntry("A", "circle");
        assertThat(choice.messages().get(0).content().get(0)).isInstanceOf(ContentPart.Image.class);
        assertThat(choice.l2Category()).isEqualTo("perception");

        EvalItem shorthand = byId.get("count-2");
        assertThat(shorthand.reference().answers()).containsExactly("3");
        assertThat(shorthand.imageCount()).isEqualTo(1);

        EvalItem math = byId.get("math-1");
        assertThat(math.messages()).extracting(m -> m.role()).containsExactly("system", "user");
        assertThat(math.question()).isEqualTo("Compute 1/2 + 1/4.");

        assertThat(byId.get("text-1").reference().answers()).containsExactly("red", "crimson");
        assertThat(byId.get("box-1").reference().answers()).containsExactly("[250,250,750,625]");
        EvalItem pixel = byId.get("box-2");
        assertThat(pixel.reference().boxFormat()).isEqualTo(CoordinateFormat.PIXEL);
        // the size comes from the PNG header
        assertThat(pixel.reference().imageWidth()).isEqualTo(100);
        assertThat(pixel.reference().imageHeight()).isEqualTo(80);
        assertThat(byId.get("point-2").messages().get(0).images().get(0).mimeType()).isEqualTo("image/png");
    }

    @Test
    void aTemplateRewritesTheLastUserTextAndKeepsImagesInPlace() throws Exception {
        DatasetSpec spec = DatasetSpec.of(TsvItemsTest.fixture("items.jsonl"))
                .withPrompt(new PromptTemplate("short", "{question}\nAnswer in one word; LaTeX {x} stays.", null, null));
        EvalItem item = Datasets.readAll(spec).get(0);
        List<ContentPart> parts = item.messages().get(0).content();
        assertThat(parts.get(0)).isInstanceOf(ContentPart.Image.class);
        assertThat(((ContentPart.Text) parts.get(1)).text()).endsWith("Answer in one word; LaTeX {x} stays.");
    }

    private static void assertBad(Path dir, String line, String... parts) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "\n" + line + "\n");
        assertThatThrownBy(() -> Datasets.readAll(DatasetSpec.of(f))).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("bad.jsonl:2").contains(parts).doesNotContain("\n"));
    }

    @Test
    void badLinesNameTheFileLineAndField(@TempDir Path dir) throws Exception {
        assertBad(dir, "{\"id\": 1, \"messages\": [", "malformed JSON");
        assertBad(dir, "[1, 2]", "expected a JSON object");
        assertBad(dir, "{\"question\": \"q\", \"answer\": \"a\"}", "id:");
        assertBad(dir, "{\"id\": \"x\", \"answer\": \"a\"}", "expected 'messages'");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\"}", "answer:");
        assertBad(dir, "{\"id\": \"x\", \"messages\": [{\"role\": \"bot\", \"content\": \"q\"}], \"answer\": \"a\"}",
                "messages[0].role");
        assertBad(dir, "{\"id\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", "
                + "\"content\": \"a\"}], \"answer\": \"a\"}", "last turn must be the user's");
        assertBad(dir, "{\"id\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"audio\"}]}], "
                + "\"answer\": \"a\"}", "content[0].type");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\", \"image\": \"https://x/y.png\", \"answer\": \"a\"}",
                "does not fetch remote images");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\", \"image\": \"no.png\", \"answer\": \"a\"}", "no.png");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\", \"answer\": \"a\", \"answer_type\": \"essay\"}", "answer_type");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\", \"answer\": \"a\", \"options\": {\"1\": \"x\"}}", "options");
        assertBad(dir, "{\"id\": \"x\", \"question\": \"q\", \"answer\": \"[1,2,3,4]\", \"answer_type\": \"box\", "
                + "\"metadata\": {\"box_format\": \"pixel\"}}", "image_width");
    }

    @Test
    void duplicateIdsAreRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dup.jsonl");
        Files.writeString(f, "{\"id\": \"a\", \"question\": \"q\", \"answer\": \"x\"}\n"
                + "{\"id\": \"a\", \"question\": \"q2\", \"answer\": \"y\"}\n");
        assertThatThrownBy(() -> Datasets.readAll(DatasetSpec.of(f))).isInstanceOf(UserError.class)
                .hasMessageContaining("dup.jsonl:2").hasMessageContaining("appears twice");
    }
}
