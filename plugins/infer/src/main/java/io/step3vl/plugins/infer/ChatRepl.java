package io.step3vl.plugins.infer;

import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.ReasoningSplit;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.image.ImageSources;
import io.step3vl.inference.run.Answer;
import io.step3vl.inference.run.Answerer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The interactive chat: a JLine line editor with history (kept in a file across sessions) and
 * multi-line input (end a line with {@code \} to continue it), slash commands, and answers streamed
 * as they are generated. The conversation accumulates turn by turn; earlier answers are sent back
 * without their reasoning, as chat templates of reasoning models expect.
 */
final class ChatRepl {
    static final String HELP = String.join("\n",
            "Type a message and press Enter; end a line with \\ to continue on the next line.",
            "  /image PATH|URL  attach an image to the next message",
            "  /reset           start a new conversation",
            "  /pacore K        answer with PaCoRe, K rollouts (0 = off)",
            "  /think [on|off]  toggle thinking mode",
            "  /help            this text",
            "  /quit            leave (or Ctrl-D)");

    private final ChatBackend backend;
    private final SamplingParams sampling;
    private final int maxContext;
    private final String systemPrompt;
    private final ImageSources images;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean ansi;
    private final boolean showReasoning;
    private final List<ChatMessage> conversation = new ArrayList<>();
    private final List<ImageData> pendingImages = new ArrayList<>();
    private boolean thinking;
    private int pacoreK;
    private long seed;

    ChatRepl(ChatBackend backend, SamplingParams sampling, List<Integer> pacoreRounds, int maxContext, String systemPrompt,
             List<ImageData> firstImages, long seed, ImageSources images, PrintWriter out, PrintWriter err, boolean ansi,
             boolean showReasoning) {
        this.backend = backend;
        this.sampling = sampling;
        this.maxContext = maxContext;
        this.systemPrompt = systemPrompt;
        this.images = images;
        this.out = out;
        this.err = err;
        this.ansi = ansi;
        this.showReasoning = showReasoning;
        this.thinking = sampling.thinking();
        this.pacoreK = pacoreRounds.isEmpty() ? 0 : pacoreRounds.get(0);
        this.seed = seed;
        this.pendingImages.addAll(firstImages);
        reset();
    }

    /** Reads and answers until /quit or end of input; {@code history} null = no history file. */
    void run(Terminal terminal, Path history) {
        // Messages are prose, not shell words: no escapes, no quote matching (a lone ' is an apostrophe).
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        parser.setQuoteChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = builder.build();
        say("step3vl chat with " + backend.describe() + ". /help for commands, /quit to leave.");
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
                while (line.endsWith("\\")) { // a trailing backslash continues the message on the next line
                    line = line.substring(0, line.length() - 1) + "\n" + reader.readLine("... ");
                }
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the message being typed
            } catch (EndOfFileException e) {
                break;
            }
            String input = line.strip();
            if (input.isEmpty()) {
                continue;
            }
            if (!handle(input)) {
                break;
            }
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            err.println("warning: cannot save history: " + e.getMessage());
            err.flush();
        }
    }

    /** One input: a slash command or a message. Returns false to leave. */
    boolean handle(String input) {
        if (input.startsWith("/")) {
            return command(input);
        }
        send(input);
        return true;
    }

    private boolean command(String input) {
        String[] parts = input.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> say(HELP);
            case "/reset" -> {
                reset();
                pendingImages.clear();
                say("(new conversation)");
            }
            case "/image" -> {
                if (arg.isEmpty()) {
                    say("usage: /image PATH|URL");
                } else {
                    try {
                        ImageData image = images.load(arg);
                        pendingImages.add(image);
                        say("(attached " + image.origin() + ", " + image.bytes().length + " bytes, " + image.mimeType()
                                + "; it goes with your next message)");
                    } catch (UserError e) {
                        say("error: " + e.getMessage());
                    }
                }
            }
            case "/pacore" -> {
                if (arg.isEmpty()) {
                    say(pacoreK == 0 ? "(PaCoRe is off)" : "(PaCoRe: " + pacoreK + " rollouts, then a synthesis)");
                } else {
                    try {
                        int k = arg.equalsIgnoreCase("off") ? 0 : Integer.parseInt(arg);
                        if (k < 0) {
                            throw new NumberFormatException();
                        }
                        pacoreK = k;
                        say(k == 0 ? "(PaCoRe off)" : "(PaCoRe on: " + k + " rollouts, then a synthesis)");
                    } catch (NumberFormatException e) {
                        say("usage: /pacore K   (K rollouts, 0 or off to turn PaCoRe off)");
                    }
                }
            }
            case "/think" -> {
                thinking = switch (arg.toLowerCase(Locale.ROOT)) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> !thinking;
                };
                say("(thinking " + (thinking ? "on" : "off") + ")");
            }
            default -> say("unknown command " + parts[0] + "; /help lists the commands");
        }
        return true;
    }

    private void send(String text) {
        ChatMessage user = ChatMessage.user(text, pendingImages);
        List<ChatMessage> turn = new ArrayList<>(conversation);
        turn.add(user);
        SamplingParams s = sampling.withThinking(thinking);
        StreamPrinter printer = new StreamPrinter(out, showReasoning, ansi);
        try {
            Answerer answerer = new Answerer(backend, s, pacoreK > 0 ? List.of(pacoreK) : List.of(), maxContext);
            Answer answer = answerer.answer(turn, seed++, new Answerer.Listener() {
                @Override
                public void text(String delta, boolean reasoning) {
                    printer.text(delta, reasoning);
                }

                @Override
                public void roundStarted(int round, int totalRounds, int requests) {
                    if (round < totalRounds - 1) {
                        note("(PaCoRe round " + (round + 1) + "/" + totalRounds + ": " + requests + " requests)");
                    }
                }

                @Override
                public void warning(String message) {
                    note("warning: " + message);
                }
            });
            printer.finish();
            conversation.add(user);
            conversation.add(ChatMessage.assistant(ReasoningSplit.of(answer.completion(), thinking).content().strip()));
            pendingImages.clear();
            if (answer.completion().truncated()) {
                note("(cut off at " + s.maxTokens() + " tokens)");
            }
        } catch (RuntimeException e) {
            printer.finish();
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            say("error: " + m.replaceAll("\\s+", " "));
        }
    }

    private void reset() {
        conversation.clear();
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            conversation.add(ChatMessage.system(systemPrompt));
        }
    }

    private String prompt() {
        String tags = (pacoreK > 0 ? "pacore " + pacoreK + " " : "") + (pendingImages.isEmpty() ? "" : "+" + pendingImages.size() + " img ");
        return tags + "> ";
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }

    private void note(String text) {
        err.println(text);
        err.flush();
    }
}
