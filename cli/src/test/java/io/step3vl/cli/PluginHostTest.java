package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.fixtures.CustomGroupStage;
import io.step3vl.cli.fixtures.GreetStage;
import io.step3vl.cli.fixtures.ToolboxStage;
import io.step3vl.cli.plugins.PluginCommand;
import io.step3vl.cli.plugins.PluginHost;
import io.step3vl.cli.plugins.PluginInfo;
import io.step3vl.cli.plugins.PluginLocations;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    @TempDir
    Path dir;

    private PluginHost load(Path... jars) {
        return PluginHost.load(List.of(jars), Step3vl.BUILT_IN_COMMANDS);
    }

    @Test
    void aGoodPluginContributesItsCommands() {
        Path jar = PluginJars.plugin("greeter").extension(GreetStage.class).extension(ToolboxStage.class)
                .writeTo(dir, "greeter.jar");
        try (PluginHost host = load(jar)) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.commands()).extracting(PluginCommand::name).containsExactly("greet", "toolbox");
            PluginInfo info = host.plugins().get(0);
            assertThat(info).isEqualTo(new PluginInfo("greeter", "1.2.3", "STARTED", "Test Provider",
                    "plugin greeter", ">=0.1.0", List.of("greet", "toolbox"), jar, null));
            // loaded by the plugin's own class loader, yet usable as the host's StageCommand
            assertThat(host.commands().get(0).command().getClass().getClassLoader())
                    .isNotSameAs(GreetStage.class.getClassLoader());
        }
    }

    @Test
    void aPluginWithoutExtensionsLoadsWithNoCommands() {
        Path jar = PluginJars.plugin("empty").writeTo(dir, "empty.jar");
        try (PluginHost host = load(jar)) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.commands()).isEmpty();
            assertThat(host.plugins()).singleElement().satisfies(p -> {
                assertThat(p.state()).isEqualTo("STARTED");
                assertThat(p.commands()).isEmpty();
            });
        }
    }

    @Test
    void aJarThatIsNotAZipIsReportedAndTheRestStillLoads() {
        Path bad = PluginJars.garbage(dir, "a-bad.jar");
        Path good = PluginJars.plugin("greeter").extension(GreetStage.class).writeTo(dir, "b-good.jar");
        try (PluginHost host = load(bad, good)) {
            assertThat(host.problems()).singleElement().asString()
                    .startsWith("plugin jar " + bad + ": not a readable jar (");
            assertThat(host.plugins().get(0).state()).isEqualTo("FAILED");
            assertThat(host.commands()).extracting(PluginCommand::name).containsExactly("greet");
        }
    }

    @Test
    void manifestProblemsNameTheMissingField() {
        Path noId = PluginJars.plugin(null).extension(GreetStage.class).writeTo(dir, "no-id.jar");
        Path noVersion = PluginJars.plugin("v").attribute("Plugin-Version", null).writeTo(dir, "no-version.jar");
        Path noManifest = PluginJars.plugin("m").noManifest().writeTo(dir, "no-manifest.jar");
        try (PluginHost host = load(noId, noVersion, noManifest)) {
            assertThat(host.problems()).containsExactly(
                    "plugin jar " + noId + ": manifest has no Plugin-Id; expected Plugin-Id, Plugin-Version, "
                            + "Plugin-Requires, Plugin-Provider",
                    "plugin jar " + noVersion + ": manifest of plugin 'v' has no Plugin-Version",
                    "plugin jar " + noManifest + ": no META-INF/MANIFEST.MF; expected one with Plugin-Id and "
                            + "Plugin-Version");
            assertThat(host.commands()).isEmpty();
        }
    }

    @Test
    void aMissingExtensionClassFailsThatPluginOnly() {
        Path jar = PluginJars.plugin("broken").extension(GreetStage.class)
                .missingExtension("com.example.Gone").writeTo(dir, "broken.jar");
        try (PluginHost host = load(jar)) {
            assertThat(host.problems()).singleElement().asString().isEqualTo("plugin 'broken' (" + jar
                    + "): extension class com.example.Gone listed in META-INF/extensions.idx cannot be loaded "
                    + "(com.example.Gone)");
            assertThat(host.plugins().get(0).state()).isEqualTo("FAILED");
            // what did load is still offered
            assertThat(host.commands()).extracting(PluginCommand::name).containsExactly("greet");
        }
    }

    @Test
    void anIncompatibleRequirementDisablesThePlugin() {
        Path jar = PluginJars.plugin("future").attribute("Plugin-Requires", ">=99.0.0")
                .extension(GreetStage.class).writeTo(dir, "future.jar");
        try (PluginHost host = load(jar)) {
            assertThat(host.problems()).containsExactly("plugin 'future' (" + jar
                    + "): requires step3vl >=99.0.0 but this is " + io.step3vl.plugin.PluginApi.API_VERSION);
            assertThat(host.plugins().get(0).state()).isEqualTo("DISABLED");
            assertThat(host.commands()).isEmpty();
        }
    }

    @Test
    void theFirstPluginToClaimACommandNameKeepsIt() {
        Path first = PluginJars.plugin("first").extension(GreetStage.class).writeTo(dir, "1.jar");
        Path second = PluginJars.plugin("second").extension(GreetStage.class)
                .extension(CustomGroupStage.class).writeTo(dir, "2.jar");
        try (PluginHost host = load(first, second)) {
            assertThat(host.problems()).containsExactly("plugin 'second' (" + second + "): command 'greet' is "
                    + "already provided by plugin 'first' (" + first + "); not added");
            assertThat(host.commands()).extracting(PluginCommand::pluginId).containsExactly("first", "second");
            assertThat(host.commands()).extracting(PluginCommand::name).containsExactly("greet", "zap");
        }
    }

    @Test
    void builtInNamesAndDuplicateIdsAreRefused() {
        Path a = PluginJars.plugin("same").extension(GreetStage.class).writeTo(dir, "a.jar");
        Path b = PluginJars.plugin("same").extension(CustomGroupStage.class).writeTo(dir, "b.jar");
        try (PluginHost host = PluginHost.load(List.of(a, b), Set.of("greet"))) {
            assertThat(host.problems()).containsExactly(
                    "plugin 'same' (" + a + "): command 'greet' is built into step3vl; not added",
                    "plugin 'same' (" + b + "): plugin id 'same' is already loaded from " + a + "; not loaded");
            assertThat(host.commands()).isEmpty();
        }
    }

    @Test
    void locationsAreDistributionThenEnvironmentThenFlagsAndFoldersListTheirJarsByName() {
        Path dist = dir.resolve("dist");
        Path z = PluginJars.plugin("z").writeTo(dist, "z.jar");
        Path a = PluginJars.plugin("a").writeTo(dist, "a.jar");
        PluginJars.garbage(dist, "notes.txt");
        Path envJar = PluginJars.plugin("e").writeTo(dir.resolve("env"), "e.jar");
        Path flagDir = dir.resolve("flag");
        Path f = PluginJars.plugin("f").writeTo(flagDir, "f.jar");
        PluginLocations locations = PluginLocations.of(dist, envJar + java.io.File.pathSeparator
                + dir.resolve("missing"), List.of(flagDir, dist));
        assertThat(locations.jars()).containsExactly(a, z, envJar, f);
    }
}
