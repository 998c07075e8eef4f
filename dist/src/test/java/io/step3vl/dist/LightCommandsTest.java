package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --help, plugins and completion must not start the DJL engine or load native libraries: checked with
 * the JVM's class-loading and native-library logs. The doctor run shows the logs do see the engine.
 */
class LightCommandsTest {
    private static final String JAVA_HOME = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize()
            .toString();

    @TempDir
    Path home;

    /** The class-load and library-load log lines of one run. */
    private record Logs(List<String> classes, List<String> libraries) {}

    private Logs logsOf(String... args) throws Exception {
        String name = String.join("-", args);
        Path classes = home.resolve("classes-" + name + ".log");
        Path libraries = home.resolve("libraries-" + name + ".log");
        Distribution.Result r = new Distribution(home)
                .env("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes + " -Xlog:library=info:file=" + libraries)
                .run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return new Logs(Files.readAllLines(classes),
                Files.readAllLines(libraries).stream().filter(l -> l.contains("Loaded library")).toList());
    }

    @Test
    void helpPluginsAndCompletionLoadNoEngineAndNoNativeLibrary() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"plugins"},
                new String[] {"completion", "bash"}, new String[] {"completion", "zsh"},
                new String[] {"doctor", "--help"})) {
            Logs logs = logsOf(args);
            String what = String.join(" ", args);
            assertThat(logs.classes()).as("classes loaded by %s", what).hasSizeGreaterThan(100);
            assertThat(logs.classes().stream().filter(l -> l.contains(" ai.djl.") || l.contains(" com.sun.jna.")))
                    .as("engine classes loaded by %s", what).isEmpty();
            assertThat(logs.libraries().stream().filter(l -> !isJdkLibrary(l)))
                    .as("native libraries loaded by %s", what).isEmpty();
        }
    }

    @Test
    void doctorDoesStartTheEngineAndItsNatives() throws Exception {
        Logs logs = logsOf("doctor");
        assertThat(logs.classes()).anyMatch(line -> line.contains(" ai.djl.pytorch.engine.PtEngine "));
        assertThat(logs.libraries()).anyMatch(line -> line.contains("libtorch"));
    }

    /** The JVM's own libraries: under java.home, or loaded by bare name by the JVM itself (libjsvml). */
    private static boolean isJdkLibrary(String line) {
        String library = line.replaceFirst(".*Loaded library ", "").replaceFirst(", handle .*", "");
        return library.startsWith(JAVA_HOME) || !library.contains("/");
    }
}
