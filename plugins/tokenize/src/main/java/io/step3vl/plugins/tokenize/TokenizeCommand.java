package io.step3vl.plugins.tokenize;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.inspect.Inspector;
import io.step3vl.tokenizer.inspect.TokenizationPrinter;
import io.step3vl.tokenizer.inspect.Tokenization;
import io.step3vl.tokenizer.inspect.TokenizeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code step3vl tokenize}: ids, pieces, the rendered chat and image token counts of a checkpoint. */
@Extension
@Command(name = "tokenize",
        description = {"Show text or a conversation as the model sees it.",
            "Plain TEXT is encoded as is. With --chat, --image or --template the checkpoint's own chat "
                + "template renders a conversation; each image's crop plan and token count are shown and "
                + "the ids after image expansion counted. -v lists every token with its piece."},
        footer = {"%nExamples:",
            "  step3vl tokenize --model ckpt/ \"Hello, world\"",
            "  step3vl tokenize --model ckpt/ --chat chat.json --no-think -v",
            "  step3vl tokenize --model ckpt/ --image cat.jpg \"What is this?\" --json",
            "  step3vl tokenize --model ckpt/ --decode 9707,11,1879"})
public final class TokenizeCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint directory (tokenizer.json, tokenizer_config.json, chat template, config.json).")
    Path model;

    @Option(names = "--chat", paramLabel = "FILE",
            description = "Conversation JSON: {\"messages\": [...]} with text/image content parts.")
    Path chat;

    @Option(names = "--image", paramLabel = "FILE",
            description = "An image for a user turn (before TEXT); repeatable.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--template",
            description = "Render TEXT as one user turn with the chat template (implied by --chat and --image).")
    boolean template;

    @Option(names = "--no-think", description = "Render with thinking off (enable_thinking=false).")
    boolean noThink;

    @Option(names = "--no-generation-prompt",
            description = "Do not end with the assistant header (how training data is rendered).")
    boolean noGenerationPrompt;

    @Option(names = "--escape",
            description = "Encode user text with special-token matching off (untrusted input).")
    boolean escape;

    @Option(names = "--decode", paramLabel = "IDS", split = ",",
            description = "Decode these comma-separated ids instead (special tokens kept).")
    List<Long> decode = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "Text to encode; - reads standard input.")
    String text;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    @Override
    public Integer call() throws IOException {
        StageContext ctx = common.context();
        if (!decode.isEmpty()) {
            return decode(ctx);
        }
        String input = "-".equals(text) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : text;
        TokenizeRequest request = new TokenizeRequest(model, Optional.ofNullable(chat), images, input, template,
                !noThink, !noGenerationPrompt, escape);
        if (input == null && !request.chatMode()) {
            throw new UserError("nothing to tokenize: give TEXT, --chat FILE or --image FILE");
        }
        Tokenization result = Inspector.run(request);
        if (ctx.json()) {
            ctx.printJson(TokenizationPrinter.json(result));
        } else {
            TokenizationPrinter.print(result, ctx.stdout(), ctx.verbose());
        }
        return ExitCode.OK;
    }

    private int decode(StageContext ctx) {
        long[] ids = decode.stream().mapToLong(Long::longValue).toArray();
        for (long id : ids) {
            if (id < 0) {
                throw new UserError("--decode: expected non-negative token ids, got " + id);
            }
        }
        try (TextTokenizer tokenizer = TextTokenizer.load(model)) {
            String decoded = tokenizer.decode(ids, false);
            if (ctx.json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ids", ids);
                result.put("text", decoded);
                result.put("text_skip_special", tokenizer.decode(ids, true));
                ctx.printJson(result);
            } else {
                ctx.stdout().println(decoded);
                ctx.stdout().flush();
            }
        }
        return ExitCode.OK;
    }
}
