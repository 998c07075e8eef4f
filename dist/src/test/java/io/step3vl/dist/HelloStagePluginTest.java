package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin jar, built by Maven from examples/plugins/hello-stage, added and removed by
 * copying files only: the host is not changed.
 */
class HelloStagePluginTest {
    @TempDir
    Path home;

    @Test
    void droppingTheJarInAddsTheCommandAndRemovingItRemovesIt() throws Exception {
        Path plugins = home.resolve("my-plugins");
        Files.createDirectories(plugins);
        Distribution step3vl = new Distribution(home).env("STEP3VL_PLUGINS", plugins.toString());

        Distribution.Result before = step3vl.run("hello");
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.err()).isEqualTo("step3vl: unknown command 'hello'; did you mean 'help'? "
                + "See 'step3vl --help'.\n");
        assertThat(step3vl.run("--help").out()).doesNotContain("hello");

        Path jar = Distribution.copy(Distribution.helloJar(), plugins);
        Distribution.Result hello = step3vl.run("hello", "--name", "Ada", "--times", "2");
        assertThat(hello.code()).isZero();
        assertThat(hello.out()).isEqualTo("Hello, Ada!\nHello, Ada!\n");
        assertThat(hello.err()).isEmpty();
        assertThat(step3vl.run("--help").out())
                .contains("\n  hello         Print a greeting (example third-party plugin).\n");
        assertThat(step3vl.run("plugins").out()).containsPattern(
                "\nhello-stage +1\\.0\\.0 +STARTED +Example Third Party +hello +" + jar + "\n");
        assertThat(step3vl.run("hello", "--help").out()).contains("Examples:\n  step3vl hello\n");

        Files.delete(jar);
        Distribution.Result after = step3vl.run("hello");
        assertThat(after.code()).isEqualTo(2);
        assertThat(after.err()).isEqualTo(before.err());
    }

    @Test
    void thePluginsDirFlagWorksLikeTheVariable() {
        Path plugins = home.resolve("p");
        Distribution.copy(Distribution.helloJar(), plugins);
        Distribution.Result r = new Distribution(home).run("--plugins-dir", plugins.toString(), "hello", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\n  \"greetings\" : [ \"Hello, world!\" ],\n  \"out\" : null\n}\n");
    }

    @Test
    void thePluginGetsTheHostConventions() throws Exception {
        Path plugins = home.resolve("p");
        Distribution.copy(Distribution.helloJar(), plugins);
        Distribution step3vl = new Distribution(home).env("STEP3VL_PLUGINS", plugins.toString());
        Files.writeString(home.resolve("hello.yaml"), "name: Config\ntimes: 2\n");

        Distribution.Result dry = step3vl.env("STEP3VL_TIMES", "3").run("hello", "--config", "hello.yaml", "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("\nname: Config\ntimes: 3\n");

        Distribution.Result bad = step3vl.run("hello", "--times", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("step3vl hello: --times: expected a count from 1 to 100, got 0\n");

        Distribution.Result out = step3vl.run("hello", "--out", "run1", "-q");
        assertThat(out.code()).isZero();
        assertThat(Files.readString(home.resolve("run1/greeting.txt"))).isEqualTo("Hello, world!\nHello, world!\nHello, world!\n");
        assertThat(Files.readString(home.resolve("run1/config.yaml"))).contains("times: 3");
    }
}
