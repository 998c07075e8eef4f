package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.step3vl.cli.fixtures.GreetStage;
import io.step3vl.cli.fixtures.ToolboxStage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `step3vl completion bash|zsh` for the commands installed, checked by the shells themselves. */
class CompletionScriptsTest {
    @TempDir
    Path dir;

    private Path bash;
    private Path zsh;

    @BeforeEach
    void generate() throws Exception {
        Cli cli = new Cli().command(GreetStage::new).command(ToolboxStage::new);
        Cli.Result b = cli.run("completion", "bash");
        Cli.Result z = cli.run("completion", "zsh");
        assertThat(b.code()).isZero();
        assertThat(z.code()).isZero();
        bash = Files.writeString(dir.resolve("step3vl.bash"), b.out());
        zsh = Files.writeString(dir.resolve("_step3vl"), z.out());
    }

    @Test
    void bashOffersEveryCommandIncludingPluginOnes() throws Exception {
        assertThat(ShellCompletion.bash(bash, "step3vl", "")).containsExactlyInAnyOrder(
                "plugins", "completion", "doctor", "help", "greet", "toolbox");
        assertThat(ShellCompletion.bash(bash, "step3vl", "-")).containsExactlyInAnyOrder(
                "-h", "--help", "-V", "--version", "--plugins-dir");
        assertThat(ShellCompletion.bash(bash, "step3vl", "gr")).containsExactly("greet");
    }

    @Test
    void bashOffersACommandsOptionsAndValues() throws Exception {
        assertThat(ShellCompletion.bash(bash, "step3vl", "plugins", "--")).containsExactlyInAnyOrder(
                "--verbose", "--quiet", "--json", "--help");
        assertThat(ShellCompletion.bash(bash, "step3vl", "greet", "--max")).containsExactly("--max-tokens");
        assertThat(ShellCompletion.bash(bash, "step3vl", "greet", "--device", "")).containsExactly(
                "cpu", "gpu", "auto");
        assertThat(ShellCompletion.bash(bash, "step3vl", "completion", "")).containsExactly("bash", "zsh");
        assertThat(ShellCompletion.bash(bash, "step3vl", "toolbox", "")).contains("inspect");
    }

    @Test
    void zshScriptIsValidAndDescribesCommandsOptionsAndValues() throws Exception {
        assumeTrue(ShellCompletion.available("zsh"), "zsh not installed");
        Process check = new ProcessBuilder("zsh", "-n", zsh.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        String script = Files.readString(zsh);
        assertThat(script).startsWith("#compdef step3vl\n")
                .contains("        'greet:Greet someone (test stage)'\n")
                .contains("        'greet') _step3vl_greet ;;\n")
                .contains("    '*--tag=[Tags, comma-separated]:tags: ' \\\n")
                .contains("    '--device=[Where tensors live: cpu, gpu or auto (a GPU when usable)]:cpu|gpu|auto:"
                        + "(cpu gpu auto)' \\\n")
                .contains("    '--input=[A file]:FILE:_files' \\\n")
                .contains("_step3vl_toolbox_inspect() {\n")
                .endsWith("  compdef _step3vl step3vl\nfi\n");
    }

    @Test
    void zshOffersCommandsOptionsValuesAndSubcommands() throws Exception {
        assumeTrue(ShellCompletion.available("zsh"), "zsh not installed");
        assertThat(ShellCompletion.zsh(dir, "step3vl ")).containsExactly(
                "completion", "doctor", "greet", "help", "plugins", "toolbox");
        assertThat(ShellCompletion.zsh(dir, "step3vl plugins --")).containsExactly(
                "--help", "--json", "--quiet", "--verbose");
        assertThat(ShellCompletion.zsh(dir, "step3vl greet --device ")).containsExactly("auto", "cpu", "gpu");
        assertThat(ShellCompletion.zsh(dir, "step3vl toolbox ")).containsExactly("inspect");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = new Cli().run("completion", "fish");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl completion: unknown shell 'fish'; expected bash or zsh. "
                + "See 'step3vl completion --help'.\n");
    }
}
