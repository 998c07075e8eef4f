package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed completions/ scripts are what the build generates from the full command model, and
 * bash, sourcing them, offers the commands and options.
 */
class CompletionScriptsTest {
    private static final Path COMMITTED = Distribution.REPO_ROOT.resolve("completions");
    private static final Path GENERATED = Distribution.HOME.resolve("completions");

    @TempDir
    Path home;

    @Test
    void committedScriptsEqualFreshlyGeneratedOnes() throws Exception {
        for (String name : List.of("step3vl.bash", "_step3vl")) {
            assertThat(Files.readString(COMMITTED.resolve(name)))
                    .as("completions/%s is stale: refresh it with "
                            + "'cp dist/target/step3vl/completions/* completions/'", name)
                    .isEqualTo(Files.readString(GENERATED.resolve(name)));
        }
    }

    @Test
    void theCompletionCommandPrintsTheSameScriptsForTheBundledPlugins() {
        for (String shell : List.of("bash", "zsh")) {
            Distribution.Result r = new Distribution(home).run("completion", shell);
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEqualTo(read(GENERATED.resolve(shell.equals("bash") ? "step3vl.bash" : "_step3vl")));
        }
    }

    @Test
    void bashOffersTheCommandsAndTheirOptions() throws Exception {
        Path script = COMMITTED.resolve("step3vl.bash");
        assertThat(complete(script, "step3vl", "")).contains("plugins", "completion", "doctor", "help");
        assertThat(complete(script, "step3vl", "pl")).containsExactly("plugins");
        assertThat(complete(script, "step3vl", "plugins", "--"))
                .containsExactlyInAnyOrder("--verbose", "--quiet", "--json", "--help");
        assertThat(complete(script, "step3vl", "completion", "")).containsExactly("bash", "zsh");
    }

    /** COMPREPLY of the script's function, in a real bash, for the words typed so far. */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "'\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + array + " )\nCOMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + String.join(" ", words) + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_step3vl step3vl '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        List<String> offers = new ArrayList<>();
        out.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(offers::add);
        return offers;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
