package io.step3vl.cli;

import io.step3vl.plugin.StageCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs the host in-process with an isolated world (no distribution, empty environment). */
final class Cli {
    private final Map<String, String> env = new HashMap<>();
    private final List<Supplier<StageCommand>> commands = new ArrayList<>();
    private Path home;
    private boolean interactive;

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli home(Path home) {
        this.home = home;
        return this;
    }

    Cli interactive(boolean value) {
        this.interactive = value;
        return this;
    }

    /** Adds a stage (a fresh instance per run, as a plugin load would give). */
    Cli command(Supplier<StageCommand> command) {
        commands.add(command);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Step3vl.Builder builder = Step3vl.builder().home(home).env(env).interactive(interactive)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8));
        commands.forEach(c -> builder.command(c.get()));
        int code = builder.build().execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int code, String out, String err) {}
}
