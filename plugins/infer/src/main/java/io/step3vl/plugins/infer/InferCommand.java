package io.step3vl.plugins.infer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.inference.Backends;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.ReasoningSplit;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.batch.BatchItem;
import io.step3vl.inference.batch.BatchItems;
import io.step3vl.inference.batch.BatchRunner;
import io.step3vl.inference.batch.ResultsFile;
import io.step3vl.inference.image.ImageSources;
import io.step3vl.inference.pacore.PaCoReConfig;
import io.step3vl.inference.run.Answer;
import io.step3vl.inference.run.AnswerJson;
import io.step3vl.inference.run.Answerer;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code step3vl infer}: one answer (streamed, SeRe or PaCoRe), a batch over an items file, or an
 * interactive chat, against a local checkpoint or an OpenAI-compatible endpoint.
 */
@Extension
@Command(name = "infer",
        description = {"Answer prompts with the model: one shot, PaCoRe, batch or chat.",
            "The prompt comes from the arguments, --prompt-file or stdin; with none of them on a terminal "
                + "(or with --chat) an interactive chat starts. Answers stream as they are generated."},
        footer = {"%nExamples:",
            "  step3vl infer --endpoint http://localhost:8000/v1 --image shapes.png \"How many red circles?\"",
            "  step3vl infer --endpoint http://gpu:8000/v1 --served-model step3-vl --pacore-preset medium --json \"Solve x^2=4\"",
            "  step3vl infer --endpoint http://localhost:8000/v1 --input bench.jsonl --output results.jsonl --concurrency 16",
            "  step3vl infer --model runs/sft/final --chat"})
public final class InferCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    PaCoReOptions pacoreOptions;

    @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "The prompt ('-' reads it from stdin).")
    List<String> promptWords;

    @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from a UTF-8 text file.")
    Path promptFile;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt.")
    String system;

    @Option(names = "--image", paramLabel = "PATH|URL",
            description = "An image for the prompt (repeatable): a file, a data: URI or an http(s) URL.")
    List<String> imageRefs;

    @Option(names = "--show-reasoning", description = "Print the model's reasoning too (dimmed on a terminal).")
    boolean showReasoning;

    @Option(names = "--chat", description = "Start the interactive chat even when a prompt or stdin is given.")
    boolean chat;

    @Option(names = "--input", paramLabel = "ITEMS.jsonl",
            description = "Batch mode: answer every item ({\"id\", \"messages\", ...} per line) of this file.")
    Path input;

    @Option(names = "--output", paramLabel = "RESULTS.jsonl",
            description = "Batch results, one line per item, appended as each finishes; a rerun skips the ids "
                    + "already there. Default: results.jsonl under --out.")
    Path output;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Batch items answered at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    private final InputStream stdin;
    private final boolean terminal;
    private final Map<String, String> env;

    public InferCommand() {
        this(System.in, System.console() != null, System.getenv());
    }

    /** For tests: where stdin comes from, whether stdin/stdout are a terminal, the environment. */
    InferCommand(InputStream stdin, boolean terminal, Map<String, String> env) {
        this.stdin = stdin;
        this.terminal = terminal;
        this.env = env;
    }

    @Override
    public String group() {
        return StageCommand.INFERENCE_AND_EVALUATION;
    }

    @Override
    public Integer call() throws IOException {
        StageContext ctx = common.context();
        // Everything the user gave is checked before a backend (or model) is opened.
        SamplingParams sampling = samplingOptions.params();
        List<Integer> rounds = pacoreOptions.roundsVector();
        if (!rounds.isEmpty()) {
            new PaCoReConfig(rounds, sampling, pacoreOptions.maxContext, 0); // checks --max-context against --max-tokens
        }
        var spec = backendOptions.spec(ctx.device().toString());
        ImageSources sources = ImageSources.forUserInput(Path.of("").toAbsolutePath());
        if (input != null) {
            if (hasPrompt() || chat || imageRefs != null) {
                throw new UserError("--input: batch mode takes its prompts and images from the items file; "
                        + "drop the prompt, --prompt-file, --image and --chat");
            }
            Path results = output != null ? output : ctx.out().map(d -> d.resolve("results.jsonl"))
                    .orElseThrow(() -> new UserError("--output: expected the results file (or --out DIR)"));
            List<BatchItem> items = BatchItems.read(input);
            try (ChatBackend backend = Backends.open(spec, env)) {
                return batch(ctx, backend, new Answerer(backend, sampling, rounds, pacoreOptions.maxContext), items, results);
            }
        }
        if (output != null) {
            throw new UserError("--output: only applies with --input");
        }
        List<ImageData> images = new ArrayList<>();
        for (String ref : imageRefs == null ? List.<String>of() : imageRefs) {
            images.add(sources.load(ref));
        }
        long seed = ctx.seed().orElse(ThreadLocalRandom.current().nextLong(1L << 53));
        String prompt = chat ? null : readPrompt();
        if (prompt == null) {
            if (!terminal && !chat) {
                throw new UserError("no prompt: give it as arguments, with --prompt-file or on stdin (or use --chat)");
            }
            if (ctx.json()) {
                throw new UserError("--json: not available in the interactive chat");
            }
            try (ChatBackend backend = Backends.open(spec, env)) {
                chat(ctx, backend, sampling, rounds, images, seed, sources);
                return ExitCode.OK;
            }
        }
        try (ChatBackend backend = Backends.open(spec, env)) {
            return oneShot(ctx, backend, sampling, rounds, conversation(prompt, images), seed);
        }
    }

    private int oneShot(StageContext ctx, ChatBackend backend, SamplingParams sampling, List<Integer> rounds,
                        List<ChatMessage> conversation, long seed) {
        boolean stream = !ctx.json();
        StreamPrinter printer = new StreamPrinter(ctx.stdout(), showReasoning, terminal);
        Answerer answerer = new Answerer(backend, sampling, rounds, pacoreOptions.maxContext);
        int totalRounds = rounds.size() + 1;
        Answer answer = answerer.answer(conversation, seed, new Answerer.Listener() {
            @Override
            public void text(String delta, boolean reasoning) {
                if (stream) {
                    printer.text(delta, reasoning);
                }
            }

            @Override
            public void roundStarted(int round, int total, int requests) {
                ctx.info(String.format(Locale.ROOT, "PaCoRe round %d/%d: %d request%s", round + 1, total, requests,
                        requests == 1 ? "" : "s"));
            }

            @Override
            public void completed(int round, int index, Completion c) {
                if (round < totalRounds - 1) {
                    ctx.debug(String.format(Locale.ROOT, "  round %d #%d [%s, %d tokens]: %s", round + 1, index,
                            c.finishReason(), c.completionTokens(),
                            abbreviate(ReasoningSplit.of(c, sampling.thinking()).content().strip())));
                }
            }

            @Override
            public void warning(String message) {
                ctx.warn(message);
            }
        });
        if (ctx.json()) {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("backend", backend.describe());
            AnswerJson.fill(json, answer, sampling.thinking());
            ctx.printJson(json);
        } else {
            printer.finish();
            if (!printer.printedContent() && !showReasoning) {
                ctx.warn("the reply has no answer after its reasoning (use --show-reasoning to see it)");
            }
        }
        if (answer.completion().truncated()) {
            ctx.warn("the final reply was cut off at --max-tokens " + sampling.maxTokens());
        }
        ctx.debug(String.format(Locale.ROOT, "%s: %d tokens in %.2f s (%.1f tokens/s)%s, seed %d", backend.describe(),
                answer.totalCompletionTokens(), answer.seconds(), answer.tokensPerSecond(),
                answer.firstTextSeconds() >= 0 ? String.format(Locale.ROOT, ", first text after %.2f s", answer.firstTextSeconds()) : "",
                answer.seed()));
        return ExitCode.OK;
    }

    private int batch(StageContext ctx, ChatBackend backend, Answerer answerer, List<BatchItem> items, Path results) {
        if (concurrency < 1) {
            throw new UserError("--concurrency: expected at least 1, got " + concurrency);
        }
        long seed = ctx.seedOr(0); // fixed by default, so a resumed batch samples as the first run did
        ctx.out().ifPresent(dir -> ctx.writeEffectiveConfig(dir.resolve("config.yaml")));
        ResultsFile file = ResultsFile.open(results);
        ctx.info(String.format(Locale.ROOT, "infer: %d items from %s, %d already in %s; backend %s", items.size(), input,
                items.stream().filter(i -> file.done(i.id())).count(), results, backend.describe()));
        BatchRunner.Summary s = BatchRunner.run(answerer, items, file, concurrency, seed, new BatchRunner.Listener() {
            @Override
            public void itemFailed(String id, String message) {
                ctx.warn("item " + id + " failed: " + message);
            }

            @Override
            public void warning(String message) {
                ctx.warn(message);
            }
        });
        if (ctx.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("input", input.toString());
            json.put("output", results.toString());
            json.put("items", s.total());
            json.put("skipped", s.skipped());
            json.put("answered", s.succeeded());
            json.put("failed", s.failed());
            json.put("completion_tokens", s.completionTokens());
            json.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
            json.put("items_per_second", Math.round(s.itemsPerSecond() * 1000) / 1000.0);
            json.put("tokens_per_second", Math.round(s.tokensPerSecond() * 10) / 10.0);
            json.put("failures", s.failures());
            ctx.printJson(json);
        } else {
            ctx.stdout().printf(Locale.ROOT, "%s: %d answered, %d skipped (already done), %d failed; %.1f s, %.2f items/s, %.1f tokens/s%n",
                    results, s.succeeded(), s.skipped(), s.failed(), s.seconds(), s.itemsPerSecond(), s.tokensPerSecond());
            ctx.stdout().flush();
        }
        if (s.failed() > 0) {
            ctx.warn(s.failed() + " item" + (s.failed() == 1 ? "" : "s") + " failed; rerun the same command to retry "
                    + (s.failed() == 1 ? "it" : "them"));
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private void chat(StageContext ctx, ChatBackend backend, SamplingParams sampling, List<Integer> rounds,
                      List<ImageData> images, long seed, ImageSources sources) throws IOException {
        ChatRepl repl = new ChatRepl(backend, sampling, rounds, pacoreOptions.maxContext, system, images, seed, sources,
                ctx.stdout(), ctx.stderr(), terminal, showReasoning);
        try (Terminal term = terminal
                ? TerminalBuilder.builder().system(true).build()
                // piped input: a plain line reader; prompts would only clutter the output
                : new DumbTerminal("pipe", Terminal.TYPE_DUMB, stdin, OutputStream.nullOutputStream(),
                        StandardCharsets.UTF_8)) {
            repl.run(term, terminal ? historyFile() : null);
        }
    }

    private static Path historyFile() throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".step3vl");
        Files.createDirectories(dir);
        return dir.resolve("infer_history");
    }

    private boolean hasPrompt() {
        return (promptWords != null && !promptWords.isEmpty()) || promptFile != null;
    }

    /** The prompt from the arguments, --prompt-file, or stdin when it is not a terminal; null for none. */
    private String readPrompt() throws IOException {
        boolean fromArgs = promptWords != null && !promptWords.isEmpty();
        if (fromArgs && promptFile != null) {
            throw new UserError("--prompt-file: give the prompt either as arguments or in a file, not both");
        }
        if (promptFile != null) {
            try {
                return nonBlank(Files.readString(promptFile, StandardCharsets.UTF_8), promptFile.toString());
            } catch (NoSuchFileException e) {
                throw UserError.at(promptFile, "no such prompt file");
            }
        }
        if (fromArgs && !(promptWords.size() == 1 && promptWords.get(0).equals("-"))) {
            return nonBlank(String.join(" ", promptWords), "PROMPT");
        }
        if (fromArgs || !terminal) {
            String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return fromArgs ? nonBlank(text, "stdin") : null;
            }
            return text.strip();
        }
        return null;
    }

    private static String nonBlank(String text, String where) {
        if (text.isBlank()) {
            throw UserError.at(where, "the prompt is empty");
        }
        return text.strip();
    }

    private List<ChatMessage> conversation(String prompt, List<ImageData> images) {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null && !system.isBlank()) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt, images));
        return messages;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
