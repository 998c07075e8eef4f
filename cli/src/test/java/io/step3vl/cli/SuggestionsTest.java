package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.errors.Suggestions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("infer", "eval", "pretrain", "plugins", "doctor");

    @Test
    void closeTyposAreSuggested() {
        assertThat(Suggestions.closest("infr", COMMANDS)).contains("infer");
        assertThat(Suggestions.closest("pluggins", COMMANDS)).contains("plugins");
        assertThat(Suggestions.closest("--max-tokns", List.of("--max-tokens", "--json"))).contains("--max-tokens");
    }

    @Test
    void aPrefixSuggestsTheFullName() {
        assertThat(Suggestions.closest("--temp", List.of("--json", "--temperature"))).contains("--temperature");
    }

    @Test
    void farOffWordsGetNoSuggestion() {
        assertThat(Suggestions.closest("banana", COMMANDS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }
}
