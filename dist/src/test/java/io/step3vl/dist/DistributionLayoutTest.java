package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `mvn package` lays out, and the basics of running it. */
class DistributionLayoutTest {
    @TempDir
    Path home;

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void binLibPluginsAndCompletionsAreInPlace() throws Exception {
        assertThat(Files.isExecutable(Distribution.HOME.resolve("bin/step3vl"))).isTrue();
        assertThat(names(Distribution.HOME.resolve("lib"))).contains("step3vl-cli-0.1.0-SNAPSHOT.jar",
                "step3vl-core-model-0.1.0-SNAPSHOT.jar", "picocli-4.7.7.jar", "pf4j-3.13.0.jar",
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar")
                .noneMatch(n -> n.startsWith("step3vl-plugin-") && !n.startsWith("step3vl-plugin-api"))
                .noneMatch(n -> n.contains("hello-stage"));
        assertThat(names(Distribution.HOME.resolve("plugins"))).containsExactly(
                "step3vl-plugin-data-0.1.0-SNAPSHOT.jar", "step3vl-plugin-eval-0.1.0-SNAPSHOT.jar",
                "step3vl-plugin-infer-0.1.0-SNAPSHOT.jar", "step3vl-plugin-model-0.1.0-SNAPSHOT.jar",
                "step3vl-plugin-pretrain-0.1.0-SNAPSHOT.jar", "step3vl-plugin-serve-0.1.0-SNAPSHOT.jar",
                "step3vl-plugin-sft-0.1.0-SNAPSHOT.jar", "step3vl-plugin-tokenize-0.1.0-SNAPSHOT.jar");
        assertThat(names(Distribution.HOME.resolve("completions"))).containsExactly("_step3vl", "step3vl.bash");
    }

    @Test
    void helpAndVersionRunFromAnyDirectory() {
        Distribution.Result help = new Distribution(home).run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: step3vl [-hV] [--plugins-dir=DIR]... [COMMAND]\n")
                .contains("\nOther:\n  completion ").contains("\n  doctor ").contains("\n  plugins ");
        Distribution.Result version = new Distribution(home).run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("step3vl 0.1.0-SNAPSHOT (plugin API 0.1.0)\nJava 17");
    }

    @Test
    void theBundledPluginsAllLoad() {
        Distribution.Result r = new Distribution(home).run("plugins");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> rows = r.out().lines().toList();
        assertThat(rows.get(0)).matches("ID +VERSION +STATE +PROVIDER +COMMANDS +SOURCE");
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.split(" +")[0])
                .containsExactly("data", "eval", "infer", "model", "pretrain", "serve", "sft", "tokenize");
        assertThat(rows.subList(1, rows.size())).allMatch(row -> row.split(" +")[2].equals("STARTED"));
        assertThat(rows.subList(1, rows.size())).allMatch(row -> row.endsWith(".jar")
                && row.contains(Distribution.HOME.resolve("plugins").toString()));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        Distribution.Result r = new Distribution(home).run("plugns");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl: unknown command 'plugns'; did you mean 'plugins'? "
                + "See 'step3vl --help'.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theLauncherKeepsDjlOffline() throws Exception {
        String launcher = Files.readString(Distribution.HOME.resolve("bin/step3vl"));
        assertThat(launcher).contains("export OPT_OUT_TRACKING=true\n")
                .contains("export DJL_OFFLINE=\"${DJL_OFFLINE:-true}\"\n")
                .contains("-Dai.djl.offline=$DJL_OFFLINE");
    }
}
