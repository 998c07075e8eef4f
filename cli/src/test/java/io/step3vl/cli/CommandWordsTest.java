package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading ahead of parsing: plugin folders, and which command an invocation will run. */
class CommandWordsTest {
    @Test
    void pluginDirsAreTheRootsOwnOptionsOnly() {
        assertThat(RootCommand.pluginDirsIn(new String[] {"--plugins-dir", "a", "--plugins-dir=b", "infer",
            "--plugins-dir", "c"})).containsExactly(Path.of("a"), Path.of("b"));
        assertThat(RootCommand.pluginDirsIn(new String[] {"--", "--plugins-dir", "x"})).isEmpty();
    }

    @Test
    void commandWordsSkipRootOptions() {
        assertThat(RootCommand.commandWords(new String[] {"--plugins-dir", "p", "help", "infer"}))
                .containsExactly("help", "infer");
        assertThat(RootCommand.commandWords(new String[] {"infer", "--max-tokens", "5"})).containsExactly("infer");
        assertThat(RootCommand.commandWords(new String[] {"model", "init", "--preset", "tiny"}))
                .containsExactly("model", "init");
        assertThat(RootCommand.commandWords(new String[] {"--help"})).isEmpty();
    }

    @Test
    void onlyTheInvokedCommandIsModelledUnlessEverythingIsInspected() {
        Step3vl.Demand infer = Step3vl.Demand.of(new String[] {"infer", "--help"});
        assertThat(infer.needs("infer", new String[0])).isTrue();
        assertThat(infer.needs("eval", new String[0])).isFalse();
        assertThat(Step3vl.Demand.of(new String[] {"i"}).needs("infer", new String[] {"i"})).isTrue();
        assertThat(Step3vl.Demand.of(new String[] {"help", "eval"}).needs("eval", new String[0])).isTrue();
        assertThat(Step3vl.Demand.of(new String[] {"--help"}).needs("eval", new String[0])).isFalse();
        for (String all : List.of("completion", "doctor", "plugins")) {
            assertThat(Step3vl.Demand.of(new String[] {all}).needs("eval", new String[0])).isTrue();
        }
    }
}
