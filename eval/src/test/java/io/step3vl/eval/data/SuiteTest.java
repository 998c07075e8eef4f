package io.step3vl.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteTest {

    @Test
    void loadsTheFixtureSuite() throws Exception {
        Suite s = Suite.load(TsvItemsTest.fixture("suite.yaml"));
        assertThat(s.name()).isEqualTo("eval-fixtures");
        assertThat(s.modes()).containsExactly("sere", "majority:4");
        assertThat(s.sampling()).containsEntry("max_tokens", 2048);
        assertThat(s.seed()).isZero();
        assertThat(s.datasets()).extracting(DatasetSpec::name).containsExactly("mini-mcq", "mixed");
        DatasetSpec mcq = s.datasets().get(0);
        assertThat(mcq.format()).isEqualTo(DatasetFormat.TSV);
        assertThat(mcq.scorer()).isEqualTo("choice");
        assertThat(mcq.prompt().name()).isEqualTo("mcq-letter");
        assertThat(mcq.path()).isRegularFile();
        assertThat(s.datasets().get(1).scorerOptions()).isEqualTo(Map.of("rel_tol", 0.01));
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKeys(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "");
        Path suite = dir.resolve("s.yaml");
        Files.writeString(suite, """
                colour: blue
                sampling: {temperature: hot, top_q: 1}
                datasets:
                  - {path: a.jsonl, scorer: bleu}
                  - {path: missing.jsonl}
                  - {path: a.jsonl, prompt: nope, limit: -1}
                """);
        assertThatThrownBy(() -> Suite.load(suite)).isInstanceOf(UserError.class).satisfies(e -> assertThat(e.getMessage())
                .contains("s.yaml: ", "colour: unknown key", "sampling.temperature: expected a number",
                        "sampling.top_q: unknown key", "datasets[0]: scorer: expected one of",
                        "datasets[1].path: no such file", "datasets[2].prompt: no prompt named 'nope'",
                        "datasets[2].limit").doesNotContain("\n"));
    }

    @Test
    void duplicateNamesAndEmptySuitesAreRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "");
        Path dup = dir.resolve("dup.yaml");
        Files.writeString(dup, "datasets:\n  - {path: a.jsonl}\n  - {path: a.jsonl}\n");
        assertThatThrownBy(() -> Suite.load(dup)).hasMessageContaining("'a' is used twice");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "name: x\n");
        assertThatThrownBy(() -> Suite.load(empty)).hasMessageContaining("datasets: expected a non-empty list");
    }

    @Test
    void promptTemplatesSubstituteOnlyTheirPlaceholders() {
        PromptTemplate t = new PromptTemplate("t", "{hint}Q: {question} \\frac{a}{b} {options}", "Hint: {hint}\n", "{letter}) {text}");
        String rendered = t.render("What is {question}?", "look", new java.util.LinkedHashMap<>(Map.of("A", "one")));
        assertThat(rendered).isEqualTo("Hint: look\nQ: What is {question}? \\frac{a}{b} A) one");
        assertThat(t.render("q", " ", Map.of())).isEqualTo("Q: q \\frac{a}{b} ");
        assertThat(t.fingerprint()).isNotEqualTo(PromptTemplate.MCQ.fingerprint()).hasSize(16);
    }
}
