package io.step3vl.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.Step3vl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command under the real host conventions, added in-process (the jar test lives in dist). */
class HelloCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Step3vl.builder().home(null).env(env).interactive(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .command(new HelloCommand()).build().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void greetsWithDefaults() {
        assertThat(run(Map.of(), "hello")).isZero();
        assertThat(out()).isEqualTo("Hello, world!\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheConfigFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hello.yaml");
        Files.writeString(config, "name: File\ntimes: 2\n");
        assertThat(run(Map.of("STEP3VL_NAME", "Env"), "hello", "--config", config.toString())).isZero();
        assertThat(out()).isEqualTo("Hello, Env!\nHello, Env!\n");
        out.reset();
        assertThat(run(Map.of("STEP3VL_NAME", "Env"), "hello", "--config", config.toString(), "--name", "Flag"))
                .isZero();
        assertThat(out()).isEqualTo("Hello, Flag!\nHello, Flag!\n");
    }

    @Test
    void badCountIsAUsageErrorOnOneLine() {
        assertThat(run(Map.of(), "hello", "--times", "0")).isEqualTo(2);
        assertThat(err()).isEqualTo("step3vl hello: --times: expected a count from 1 to 100, got 0\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void writesOutputsAndAReusableEffectiveConfig(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        assertThat(run(Map.of(), "hello", "--name", "Ada", "--times", "2", "--out", runDir.toString(), "--json"))
                .isZero();
        assertThat(Files.readString(runDir.resolve("greeting.txt"))).isEqualTo("Hello, Ada!\nHello, Ada!\n");
        assertThat(out()).contains("\"greetings\" : [ \"Hello, Ada!\", \"Hello, Ada!\" ]");
        out.reset();
        // The saved config reproduces the run (without --out, so nothing is overwritten).
        assertThat(run(Map.of(), "hello", "--config", runDir.resolve("config.yaml").toString(), "--json"))
                .isZero();
        assertThat(out()).contains("\"greetings\" : [ \"Hello, Ada!\", \"Hello, Ada!\" ]");
    }
}
