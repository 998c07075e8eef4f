package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --help, plugins and completion must not start the DJL engine or load native libraries: checked with
 * the JVM's class-loading log. The doctor run shows that the log does see DJL when it is used.
 */
class LightCommandsTest {
    @TempDir
    Path home;

    private List<String> classesLoadedBy(String... args) throws Exception {
        Path log = home.resolve("classes-" + String.join("-", args).replace('/', '_') + ".log");
        Distribution.Result r = new Distribution(home)
                .env("JAVA_OPTS", "-Xlog:class+load=info:file=" + log)
                .run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return Files.readAllLines(log);
    }

    @Test
    void helpPluginsAndCompletionLoadNoEngineClasses() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"plugins"},
                new String[] {"completion", "bash"}, new String[] {"completion", "zsh"},
                new String[] {"doctor", "--help"})) {
            List<String> loaded = classesLoadedBy(args);
            assertThat(loaded).as("class-load log of %s", String.join(" ", args)).hasSizeGreaterThan(100)
                    .noneMatch(line -> line.contains(" ai.djl."))
                    .noneMatch(line -> line.contains(" com.sun.jna."))
                    .noneMatch(line -> line.contains(" org.jline."));
        }
    }

    @Test
    void doctorDoesLoadTheEngine() throws Exception {
        assertThat(classesLoadedBy("doctor")).anyMatch(line -> line.contains(" ai.djl.pytorch.engine.PtEngine "));
    }
}
