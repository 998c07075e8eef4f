package io.step3vl.examples.hello;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code step3vl hello}: greets someone. Small on purpose, but it follows every convention a real
 * stage does: shared options through {@link CommonOptions}, input errors as {@link UserError}, JSON
 * results with {@code --json}, outputs and the effective config written atomically under {@code --out}.
 */
@Extension
@Command(name = "hello",
        description = {"Print a greeting (example third-party plugin).",
            "Prints 'Hello, NAME!' TIMES times; with --out, also writes greeting.txt and the effective "
                + "config there."},
        footer = {"%nExamples:",
            "  step3vl hello",
            "  step3vl hello --name Ada --times 2",
            "  step3vl hello --name Ada --out runs/hello --json"})
public final class HelloCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "world",
            description = "Who to greet. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--times", paramLabel = "N", defaultValue = "1",
            description = "How many greetings, 1 to 100. Default: ${DEFAULT-VALUE}.")
    int times;

    @Override
    public String group() {
        return StageCommand.OTHER;
    }

    @Override
    public Integer call() {
        if (times < 1 || times > 100) {
            throw new UserError("--times: expected a count from 1 to 100, got " + times);
        }
        StageContext ctx = common.context();
        List<String> greetings = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            greetings.add("Hello, " + name + "!");
        }
        if (ctx.out().isPresent()) {
            Path dir = ctx.out().get();
            AtomicFiles.writeString(dir.resolve("greeting.txt"), String.join("\n", greetings) + "\n");
            ctx.writeEffectiveConfig(dir.resolve("config.yaml"));
            ctx.debug("wrote " + dir.resolve("greeting.txt"));
        }
        if (ctx.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("greetings", greetings);
            result.put("out", ctx.out().map(Path::toString).orElse(null));
            ctx.printJson(result);
        } else {
            greetings.forEach(ctx.stdout()::println);
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
