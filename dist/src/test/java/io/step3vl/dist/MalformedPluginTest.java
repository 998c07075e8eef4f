package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken jar among the plugins costs one stderr line; everything else keeps working. */
class MalformedPluginTest {
    @TempDir
    Path home;

    @Test
    void aMalformedJarIsReportedOnceAndOtherCommandsStillWork() throws Exception {
        Path plugins = home.resolve("plugins");
        Distribution.copy(Distribution.helloJar(), plugins);
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a zip file\n");
        Distribution step3vl = new Distribution(home).env("STEP3VL_PLUGINS", plugins.toString());
        String warning = "step3vl: warning: plugin jar " + broken + ": not a readable jar (";

        Distribution.Result hello = step3vl.run("hello");
        assertThat(hello.code()).isZero();
        assertThat(hello.out()).isEqualTo("Hello, world!\n");
        assertThat(hello.err().lines()).singleElement().asString().startsWith(warning).endsWith(")");

        Distribution.Result list = step3vl.run("plugins");
        assertThat(list.code()).isZero();
        assertThat(list.out()).containsPattern("\n- +- +FAILED +- +- +" + broken + "\n");
        assertThat(list.err().lines()).hasSize(1);

        Distribution.Result help = step3vl.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("  hello ");
    }
}
