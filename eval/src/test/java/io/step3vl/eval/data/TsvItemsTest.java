package io.step3vl.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.inference.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvItemsTest {
    static final String PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    static Path fixture(String name) throws Exception {
        return Path.of(TsvItemsTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void readsTheVlmEvalKitFixture() throws Exception {
        List<EvalItem> items = Datasets.readAll(DatasetSpec.of(fixture("mini.tsv")));
        assertThat(items).extracting(EvalItem::id).containsExactly("0", "1", "2", "3", "4", "5");

        EvalItem first = items.get(0);
        assertThat(first.messages()).hasSize(1);
        ChatMessage user = first.messages().get(0);
        assertThat(user.images()).hasSize(1);
        assertThat(user.images().get(0).mimeType()).isEqualTo("image/png");
        assertThat(user.text()).isEqualTo("Question: What shape is shown in the image?\nOptions:\nA. a red circle\n"
                + "B. two blue squares\nC. three green triangles\nD. a yellow star\n"
                + "Please select the correct answer from the options above.");
        assertThat(first.reference().type()).isEqualTo(AnswerType.CHOICE);
        assertThat(first.reference().options()).containsKeys("A", "B", "C", "D");
        assertThat(first.category()).isEqualTo("shape");
        assertThat(first.l2Category()).isEqualTo("perception");
        assertThat(first.metadata()).containsEntry("split", "dev");

        assertThat(items.get(1).question()).startsWith("Hint: Count every blue square.\nQuestion: How many squares");

        EvalItem reused = items.get(2);
        // quoted field with a newline and a tab; "nan" hint is no hint; the empty option D is dropped
        assertThat(reused.question()).startsWith("Question: What colour is the shape?\nAnswer with the option's letter.\t(One letter.)");
        assertThat(reused.reference().options()).containsOnlyKeys("A", "B", "C");
        assertThat(reused.messages().get(0).images().get(0).bytes()).isEqualTo(user.images().get(0).bytes());

        assertThat(items.get(3).imageCount()).isEqualTo(2);
        assertThat(items.get(4).imageCount()).isEqualTo(1);
        assertThat(items.get(4).question()).contains("How many \"triangles\" are there?");
        assertThat(items.get(5).reference().options()).containsOnlyKeys("A", "B");
    }

    @Test
    void limitAndTotalAgree() throws Exception {
        DatasetSpec spec = DatasetSpec.of(fixture("mini.tsv")).withLimit(4);
        try (ItemStream s = Datasets.open(spec)) {
            assertThat(s.total()).isEqualTo(4);
        }
        assertThat(Datasets.readAll(spec)).hasSize(4);
    }

    @Test
    void aCustomTemplateAndSystemPromptApply() throws Exception {
        DatasetSpec spec = new DatasetSpec("m", fixture("mini.tsv"), DatasetFormat.TSV, "choice", Map.of(),
                new PromptTemplate("t", "{question} ({letters})\n{options}", "", "({letter}) {text}"), "Be brief.", null, 1);
        EvalItem item = Datasets.readAll(spec).get(0);
        assertThat(item.messages().get(0)).isEqualTo(ChatMessage.system("Be brief."));
        assertThat(item.question()).isEqualTo("What shape is shown in the image? (A, B, C, D)\n(A) a red circle\n"
                + "(B) two blue squares\n(C) three green triangles\n(D) a yellow star");
    }

    @Test
    void openQuestionsWithoutOptionsUseTheOpenTemplateAndTextType(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vqa.tsv");
        Files.writeString(f, "index\timage\tquestion\tanswer\n7\t" + PNG_B64 + "\tWhat is it?\ta dot\n");
        EvalItem item = Datasets.readAll(DatasetSpec.of(f)).get(0);
        assertThat(item.question()).isEqualTo("What is it?");
        assertThat(item.reference().type()).isEqualTo(AnswerType.TEXT);
    }

    private static void assertBad(Path dir, String content, String... messageParts) throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, content);
        assertThatThrownBy(() -> Datasets.readAll(DatasetSpec.of(f))).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts).doesNotContain("\n"));
    }

    @Test
    void badRowsNameTheFileLineAndWhatWasExpected(@TempDir Path dir) throws Exception {
        assertBad(dir, "index\tquestion\n1\tq\n", "bad.tsv:1", "'answer' column");
        assertBad(dir, "index\tquestion\tanswer\n1\tq\ta\n1\tq2\tb\n", "bad.tsv:3", "'1' appears twice");
        assertBad(dir, "index\timage\tquestion\tanswer\n1\t99\tq\ta\n", "bad.tsv:2", "index of an earlier row");
        assertBad(dir, "index\timage\tquestion\tanswer\n1\t" + "!".repeat(100) + "\tq\ta\n", "bad.tsv:2", "base64");
        assertBad(dir, "index\timage\tquestion\tanswer\n1\t" + "QUJD".repeat(30) + "\tq\ta\n", "bad.tsv:2", "not a PNG");
        assertBad(dir, "index\tquestion\tanswer\n1\tq\ta\textra\n", "bad.tsv:2", "expected 3 tab-separated columns");
        assertBad(dir, "index\tquestion\tanswer\n1\tq\t\n", "bad.tsv:2", "answer");
        assertBad(dir, "index\timage\tquestion\tanswer\n1\tmissing.png\tq\ta\n", "bad.tsv:2", "missing.png");
        assertBad(dir, "index\tquestion\tanswer\tanswer_type\n1\tq\ta\tessay\n", "bad.tsv:2", "answer_type");
        assertBad(dir, "index\timage\tquestion\tanswer\n1\thttp://example.com/x.png\tq\ta\n", "bad.tsv:2",
                "does not fetch remote images");
    }

    @Test
    void listCellsInJsonOrPythonSpelling() {
        assertThat(TsvItems.listOrSingle("['a', 'b']")).containsExactly("a", "b");
        assertThat(TsvItems.listOrSingle("[\"a\", \"b\"]")).containsExactly("a", "b");
        assertThat(TsvItems.listOrSingle("plain")).containsExactly("plain");
    }

    @Test
    void missingFileIsAUserError(@TempDir Path dir) {
        assertThatThrownBy(() -> Datasets.open(DatasetSpec.of(dir.resolve("none.tsv")))).isInstanceOf(UserError.class)
                .hasMessageContaining("no such file");
    }
}
