package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.cli.fixtures.GreetStage;
import io.step3vl.cli.fixtures.ToolboxStage;
import io.step3vl.common.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryJarWithStateCommandsAndSource() {
        Path plugins = dir.resolve("plugins");
        Path good = PluginJars.plugin("greeter").extension(GreetStage.class).extension(ToolboxStage.class)
                .writeTo(plugins, "a-greeter.jar");
        Path bad = PluginJars.garbage(plugins, "b-bad.jar");
        Cli.Result r = new Cli().run("--plugins-dir", plugins.toString(), "plugins");
        assertThat(r.code()).isZero();
        int w = Math.max(good.toString().length(), bad.toString().length());
        assertThat(r.out()).isEqualTo(
                "ID       VERSION  STATE    PROVIDER       COMMANDS       SOURCE\n"
                        + "greeter  1.2.3    STARTED  Test Provider  greet,toolbox  " + good + "\n"
                        + "-        -        FAILED   -              -              " + bad + "\n");
        assertThat(r.err()).startsWith("step3vl: warning: plugin jar " + bad + ": not a readable jar");
        assertThat(w).isPositive();
    }

    @Test
    void jsonHasOneObjectPerJarWithItsProblem() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("greeter").extension(GreetStage.class).writeTo(plugins, "a.jar");
        PluginJars.plugin("future").attribute("Plugin-Requires", ">=99.0.0").writeTo(plugins, "b.jar");
        Cli.Result r = new Cli().env("STEP3VL_PLUGINS", plugins.toString()).run("plugins", "--json");
        assertThat(r.code()).isZero();
        JsonNode list = Json.MAPPER.readTree(r.out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo("greeter");
        assertThat(list.get(0).get("commands").get(0).asText()).isEqualTo("greet");
        assertThat(list.get(0).get("problem").isNull()).isTrue();
        assertThat(list.get(1).get("state").asText()).isEqualTo("DISABLED");
        assertThat(list.get(1).get("problem").asText()).startsWith("requires step3vl >=99.0.0 but this is ");
        assertThat(list.get(1).get("source").asText()).isEqualTo(plugins.resolve("b.jar").toString());
    }

    @Test
    void nothingInstalledSaysWhereItLooked() {
        Cli.Result r = new Cli().run("plugins");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("No plugins installed. Looked in: (nowhere: no distribution plugins/ "
                + "folder, $STEP3VL_PLUGINS or --plugins-dir)\n");
    }
}
