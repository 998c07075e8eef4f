package io.step3vl.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CommonOptionsTest {
    @Command(name = "demo")
    static final class Demo implements StageCommand, Callable<Integer> {
        @Mixin CommonOptions common;
        @Option(names = "--max-tokens", defaultValue = "16") int maxTokens;
        @Option(names = "--tag") List<String> tags;
        StageContext seen;

        @Override
        public Integer call() {
            seen = common.context();
            seen.stdout().print("tokens=" + maxTokens);
            seen.info("working");
            seen.debug("detail");
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Demo demo, String... args) {
        CommandLine cl = new CommandLine(demo);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void defaultsWhenNoFlags() {
        Demo demo = new Demo();
        assertThat(run(demo)).isZero();
        StageContext ctx = demo.seen;
        assertThat(ctx.out()).isEmpty();
        assertThat(ctx.seed()).isEmpty();
        assertThat(ctx.seedOr(7)).isEqualTo(7);
        assertThat(ctx.device()).isEqualTo(DeviceChoice.AUTO);
        assertThat(ctx.verbose()).isFalse();
        assertThat(ctx.json()).isFalse();
        assertThat(ctx.commandPath()).isEqualTo("demo");
        assertThat(out.toString()).isEqualTo("tokens=16");
        assertThat(err.toString()).isEqualTo("working" + System.lineSeparator());
    }

    @Test
    void flagsReachTheContext() {
        Demo demo = new Demo();
        assertThat(run(demo, "--out", "runs/x", "--seed", "42", "--device", "GPU", "-v", "--json",
                "--max-tokens", "3")).isZero();
        StageContext ctx = demo.seen;
        assertThat(ctx.outOr(Path.of("other"))).isEqualTo(Path.of("runs/x"));
        assertThat(ctx.seedOr(7)).isEqualTo(42);
        assertThat(ctx.device()).isEqualTo(DeviceChoice.GPU);
        assertThat(ctx.json()).isTrue();
        assertThat(err.toString()).contains("working").contains("detail");
    }

    @Test
    void quietSilencesInfoButNotWarnings() {
        Demo demo = new Demo();
        run(demo, "-q");
        demo.seen.warn("careful");
        assertThat(err.toString()).isEqualTo("demo: warning: careful" + System.lineSeparator());
    }

    @Test
    void badDeviceIsOneLineNamingTheOption() {
        int code = run(new Demo(), "--device", "tpu");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isEqualTo("Invalid value for option '--device': expected cpu, gpu or auto, got 'tpu'");
    }

    @Test
    void effectiveOptionsAreFlatKeysInDeclarationOrder() {
        Demo demo = new Demo();
        run(demo, "--seed", "5", "--tag", "a", "--tag", "b", "--device", "cpu");
        assertThat(demo.seen.effectiveOptions()).containsExactly(
                entry("out", null), entry("seed", 5L), entry("device", "cpu"), entry("verbose", false),
                entry("quiet", false), entry("json", false), entry("max-tokens", 16),
                entry("tag", List.of("a", "b")));
    }

    @Test
    void effectiveConfigIsWrittenAsYamlOrJson(@TempDir Path dir) throws Exception {
        Demo demo = new Demo();
        run(demo, "--seed", "5");
        demo.seen.writeEffectiveConfig(dir.resolve("config.yaml"));
        demo.seen.writeEffectiveConfig(dir.resolve("config.json"));
        assertThat(Files.readString(dir.resolve("config.yaml"))).contains("seed: 5").contains("max-tokens: 16");
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"seed\" : 5");
    }

    @Test
    void deviceChoiceParsesForLibraries() {
        assertThat(DeviceChoice.parse(" Cpu ")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.GPU).hasToString("gpu");
        assertThatThrownBy(() -> DeviceChoice.parse("tpu")).isInstanceOf(UserError.class)
                .hasMessage("--device: expected cpu, gpu or auto, got 'tpu'");
    }

    @Test
    void contextOutsideAMixinIsAProgrammingError() {
        assertThatThrownBy(() -> new CommonOptions().context()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void versionsComeFromTheBuild() {
        assertThat(PluginApi.TOOL_VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(PluginApi.API_VERSION).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(PluginApi.TOOL_VERSION).startsWith(PluginApi.API_VERSION);
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
