package io.step3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.cli.fixtures.ClashingOptionsStage;
import io.step3vl.cli.fixtures.CustomGroupStage;
import io.step3vl.cli.fixtures.GreetStage;
import io.step3vl.cli.fixtures.ToolboxStage;
import io.step3vl.common.Progress;
import io.step3vl.plugin.PluginApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conventions every command inherits from the host, checked through execute(args). */
class HostConventionsTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli().command(GreetStage::new).command(ToolboxStage::new).command(CustomGroupStage::new);
    }

    @Test
    void topLevelHelpIsGroupedIntoSections() throws Exception {
        Cli.Result r = cli().run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        String expected = new String(getClass().getResourceAsStream("/golden/root-help.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.out()).isEqualTo(expected);
    }

    @Test
    void everyCommandHasHelpWithExamplesEvenWithoutDeclaringIt() {
        Cli.Result r = cli().run("greet", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: step3vl greet ").contains("  -h, --help ")
                .endsWith("Examples:\n  step3vl greet --name Ada\n");
        assertThat(cli().run("toolbox", "inspect", "-h").out()).startsWith("Usage: step3vl toolbox inspect ");
        for (String builtIn : new String[] {"plugins", "completion", "doctor"}) {
            Cli.Result help = cli().run(builtIn, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).startsWith("Usage: step3vl " + builtIn).contains("\nExamples:\n  ");
        }
        assertThat(cli().run("help", "greet").out()).isEqualTo(r.out());
    }

    @Test
    void noCommandPrintsHelpOnStderrAsAUsageError() {
        Cli.Result r = cli().run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: step3vl [-hV] [--plugins-dir=DIR]... [COMMAND]");
    }

    @Test
    void versionNamesToolAndPluginApi() {
        Cli.Result r = cli().run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("step3vl " + PluginApi.TOOL_VERSION + " (plugin API "
                + PluginApi.API_VERSION + ")\nJava ");
    }

    @Test
    void unknownCommandsAndOptionsSuggestTheClosestName() {
        Cli.Result r = cli().run("gret");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl: unknown command 'gret'; did you mean 'greet'? "
                + "See 'step3vl --help'.\n");
        r = cli().run("greet", "--max-tokns=3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl greet: unknown option '--max-tokns'; did you mean "
                + "'--max-tokens'? See 'step3vl greet --help'.\n");
        r = cli().run("greet", "--max-tokens", "many");
        assertThat(r.err()).isEqualTo("step3vl greet: Invalid value for option '--max-tokens': 'many' is not "
                + "an int. See 'step3vl greet --help'.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void userErrorsAreOneLineWithExitTwo() {
        Cli.Result r = cli().run("greet", "--fail", "user");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl greet: data.jsonl: line 3: expected a JSON object\n");
    }

    @Test
    void runtimeFailuresAreOneLineWithExitOneAndATraceOnlyWithVerbose() {
        Cli.Result r = cli().run("greet", "--fail", "runtime");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("step3vl greet: failed: IllegalStateException: disk on fire "
                + "(run with -v for the stack trace)\n");
        r = cli().run("greet", "--fail", "runtime", "-v");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("step3vl greet: failed: IllegalStateException: disk on fire\n"
                + "java.lang.IllegalStateException: disk on fire\n\tat ");
    }

    @Test
    void verboseAndQuietTogetherAreRefused() {
        Cli.Result r = cli().env("STEP3VL_QUIET", "true").run("greet", "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().findFirst())
                .contains("step3vl greet: -v/--verbose and -q/--quiet cannot be combined; pick one");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void flagBeatsEnvironmentBeatsConfigBeatsDefault() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "name: file\nmax-tokens: 7\nloud: true\n"
                + "tag: [a, b]\n");
        assertThat(cli().run("greet").out()).isEqualTo("hello world 16\n");
        assertThat(cli().run("greet", "--config", config.toString()).out()).isEqualTo("hello file 7! [a, b]\n");
        Cli withEnv = cli().env("STEP3VL_NAME", "env").env("STEP3VL_MAX_TOKENS", "8");
        assertThat(withEnv.run("greet", "--config", config.toString()).out()).isEqualTo("hello env 8! [a, b]\n");
        assertThat(withEnv.run("greet", "--config", config.toString(), "--name", "flag", "--loud").out())
                .isEqualTo("hello flag 8! [a, b]\n");
        // the config file can also come from the environment
        assertThat(cli().env("STEP3VL_CONFIG", config.toString()).run("greet").out())
                .isEqualTo("hello file 7! [a, b]\n");
    }

    @Test
    void jsonConfigFilesWorkToo() throws Exception {
        Path config = Files.writeString(dir.resolve("c.json"), "{\"name\": \"json\", \"max-tokens\": 3}");
        assertThat(cli().run("greet", "--config", config.toString()).out()).isEqualTo("hello json 3\n");
    }

    @Test
    void unknownConfigKeysAreAllReportedAtOnceByName() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "nme: x\nmax-tokens: 3\ncolour: red\n");
        Cli.Result r = cli().run("greet", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl greet: " + config + ": unknown keys 'nme' (did you mean 'name'?), "
                + "'colour'; 'step3vl greet' accepts: device, dry-run, fail, input, json, loud, max-tokens, name, "
                + "out, quiet, seed, tag, verbose\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badValuesNameTheirSource() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "max-tokens: lots\n");
        Cli.Result r = cli().run("greet", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("step3vl greet: " + config + ": max-tokens: Invalid value for option "
                + "'--max-tokens': 'lots' is not an int. See 'step3vl greet --help'.\n");
        r = cli().env("STEP3VL_MAX_TOKENS", "x").run("greet");
        assertThat(r.err()).isEqualTo("step3vl greet: environment variable STEP3VL_MAX_TOKENS: Invalid value "
                + "for option '--max-tokens': 'x' is not an int. See 'step3vl greet --help'.\n");
        // a bad flag is blamed on the flag, even when the environment also sets the option
        r = cli().env("STEP3VL_MAX_TOKENS", "8").run("greet", "--config", config.toString(), "--max-tokens", "y");
        assertThat(r.err()).isEqualTo("step3vl greet: Invalid value for option '--max-tokens': 'y' is not an int. "
                + "See 'step3vl greet --help'.\n");
    }

    @Test
    void malformedConfigFilesAreOneLine() throws Exception {
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThat(cli().run("greet", "--config", list.toString()).err()).isEqualTo("step3vl greet: " + list
                + ": expected a mapping of option names to values (e.g. max-tokens: 64), got array\n");
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "name: {first: a}\n");
        assertThat(cli().run("greet", "--config", nested.toString()).err()).isEqualTo("step3vl greet: " + nested
                + ": name: expected a single value, got a mapping\n");
        Cli.Result missing = cli().run("greet", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("step3vl greet: " + dir.resolve("nope.yaml") + ": no such file\n");
    }

    @Test
    void dryRunPrintsEffectiveOptionsThatWorkAsAConfigFile() throws Exception {
        Cli.Result r = cli().env("STEP3VL_SEED", "5").run("greet", "--name", "Ada", "--tag", "x,y", "--dry-run");
        assertThat(r.code()).isZero();
        String expected = "# step3vl greet: effective options (flag > STEP3VL_* variable > config file > default)\n"
                + "out: null\nseed: 5\ndevice: auto\nverbose: false\nquiet: false\njson: false\nname: Ada\n"
                + "max-tokens: 16\nloud: false\ntag:\n- x\n- \"y\"\ninput: null\nfail: null\n";
        assertThat(r.out()).isEqualTo(expected);
        Path saved = Files.writeString(dir.resolve("effective.yaml"), r.out());
        assertThat(cli().run("greet", "--config", saved.toString(), "--dry-run").out()).isEqualTo(expected);
        assertThat(cli().run("greet", "--config", saved.toString()).out()).isEqualTo("hello Ada 16 [x, y]\n");
    }

    @Test
    void dryRunWithJsonPrintsJson() {
        Cli.Result r = cli().run("toolbox", "inspect", "f.bin", "--dry-run", "--json", "--device", "cpu");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\n  \"out\" : null,\n  \"seed\" : null,\n  \"device\" : \"cpu\",\n"
                + "  \"verbose\" : false,\n  \"quiet\" : false,\n  \"json\" : true\n}\n");
    }

    @Test
    void nestedSubcommandsRunWithTheSharedOptions() {
        Cli.Result r = cli().run("toolbox", "inspect", "dir/model.safetensors", "-q");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("inspecting model.safetensors\n");
    }

    @Test
    void quietAndTerminalChooseTheProgressMode() {
        cli().interactive(true).run("greet");
        assertThat(Progress.mode()).isEqualTo(Progress.Mode.BAR);
        cli().interactive(false).run("greet");
        assertThat(Progress.mode()).isEqualTo(Progress.Mode.LINES);
        Cli.Result quiet = cli().interactive(true).run("greet", "-q");
        assertThat(Progress.mode()).isEqualTo(Progress.Mode.QUIET);
        assertThat(quiet.err()).isEmpty(); // ctx.info() is silenced too
        assertThat(cli().run("greet").err()).isEqualTo("greeted\n");
    }

    @Test
    void aMalformedCommandIsReportedWhenUsedOrInspectedAndTheOthersStillWork() {
        Cli cli = cli().command(ClashingOptionsStage::new);
        String warning = "step3vl: warning: command class " + ClashingOptionsStage.class.getName()
                + ": command 'clash' is malformed (";
        Cli.Result greet = cli.run("greet");
        assertThat(greet.code()).isZero();
        assertThat(greet.err()).isEqualTo("greeted\n"); // listed by name only, so not inspected
        Cli.Result clash = cli.run("clash");
        assertThat(clash.code()).isEqualTo(2);
        assertThat(clash.err()).startsWith(warning).contains("); not added\nstep3vl: unknown command 'clash'");
        Cli.Result plugins = cli.run("plugins");
        assertThat(plugins.code()).isZero();
        assertThat(plugins.err()).startsWith(warning);
    }

    @Test
    void pluginJarsInAFolderAddCommandsAndBadOnesAreOneLineEach() {
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("greeter").extension(GreetStage.class).writeTo(plugins, "greeter.jar");
        Path bad = PluginJars.garbage(plugins, "zz-bad.jar");
        Cli.Result r = new Cli().run("--plugins-dir", plugins.toString(), "greet", "--name", "jar");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("hello jar 16\n");
        assertThat(r.err()).startsWith("step3vl: warning: plugin jar " + bad + ": not a readable jar (")
                .endsWith(")\ngreeted\n");
        assertThat(r.err().lines()).hasSize(2);
        // the same through $STEP3VL_PLUGINS and through a distribution's plugins/ folder
        assertThat(new Cli().env("STEP3VL_PLUGINS", plugins.toString()).run("greet").out()).isEqualTo("hello world 16\n");
        assertThat(new Cli().home(dir).run("greet").out()).isEqualTo("hello world 16\n");
        assertThat(new Cli().run("greet").err()).startsWith("step3vl: unknown command 'greet'");
    }
}
