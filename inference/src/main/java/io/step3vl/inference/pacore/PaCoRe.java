package io.step3vl.inference.pacore;

import io.step3vl.common.UserError;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ReasoningSplit;
import io.step3vl.inference.SamplingParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs PaCoRe (docs: pacore.md). Every request of a round goes to the backend at once, each as its
 * own n=1 request with its own seed {@code Seeds.derive(seed, round, index)}, so an endpoint sees
 * concurrent requests and a local backend can batch them, and the run is reproducible on any
 * backend that honours seeds.
 *
 * <p>References for round r come from round r-1: ordered by the length of their visible content,
 * shuffled with {@code Seeds.derive(seed, round, SHUFFLE)}, empty ones dropped, each reduced to its
 * answer (text after the last {@code </think>}, kept verbatim as the public code does).
 *
 * <p>A request that fails for a reason other than bad input is logged as a warning and counts as an
 * empty response, as in the public code; a round in which every request fails ends the run.
 */
public final class PaCoRe {
    /** Path element for the shuffle seeds, apart from the rollout indices. */
    static final long SHUFFLE = -1;

    private PaCoRe() {}

    public static PaCoReResult run(ChatBackend backend, List<ChatMessage> conversation, PaCoReConfig cfg) {
        return run(backend, conversation, cfg, PaCoReListener.NONE);
    }

    public static PaCoReResult run(ChatBackend backend, List<ChatMessage> conversation, PaCoReConfig cfg,
                                   PaCoReListener listener) {
        int lastUser = lastUserIndex(conversation);
        String originalPrompt = conversation.get(lastUser).text();
        List<Integer> counts = cfg.allRounds();
        PromptSize size = new PromptSize(backend);
        List<List<Completion>> rounds = new ArrayList<>();
        List<ChatMessage> messages = conversation;
        for (int r = 0; r < counts.size(); r++) {
            if (r > 0) {
                List<String> refs = references(rounds.get(r - 1), cfg.sampling().thinking(),
                        new Random(Seeds.derive(cfg.seed(), r, SHUFFLE)));
                if (refs.isEmpty()) {
                    listener.warning(String.format(Locale.ROOT,
                            "PaCoRe round %d: every response of round %d was empty; synthesising without references",
                            r, r - 1));
                }
                messages = synthesis(conversation, lastUser, originalPrompt, refs, cfg, size, r, listener);
            }
            listener.roundStarted(r, counts.size(), counts.get(r));
            rounds.add(runRound(backend, messages, cfg, r, counts.get(r), listener));
        }
        List<Completion> last = rounds.get(rounds.size() - 1);
        return new PaCoReResult(rounds, last.get(0));
    }

    /** The previous round's answers in the order the synthesis prompt lists them. */
    static List<String> references(List<Completion> previous, boolean thinking, Random shuffle) {
        List<String> visible = new ArrayList<>();
        for (Completion c : previous) {
            visible.add(ReasoningSplit.of(c, thinking).content());
        }
        List<String> ordered = new ArrayList<>(visible);
        ordered.sort(Comparator.comparingInt(String::length)); // stable: ties keep rollout order
        Collections.shuffle(ordered, shuffle);
        List<String> refs = new ArrayList<>();
        for (String content : ordered) {
            if (!content.isEmpty()) {
                refs.add(answerPart(content));
            }
        }
        return refs;
    }

    /** The text after the last {@code </think>}, or all of it; not stripped (as the public code). */
    static String answerPart(String content) {
        int cut = content.lastIndexOf(ReasoningSplit.THINK_END);
        return cut < 0 ? content : content.substring(cut + ReasoningSplit.THINK_END.length());
    }

    /** The conversation with its last user turn's text replaced by the synthesis prompt, images kept. */
    private static List<ChatMessage> synthesis(List<ChatMessage> conversation, int lastUser, String originalPrompt,
                                               List<String> refs, PaCoReConfig cfg, PromptSize size, int round,
                                               PaCoReListener listener) {
        List<ChatMessage> messages = withUserText(conversation, lastUser, SynthesisPrompt.render(originalPrompt, refs));
        int budget = cfg.promptBudget();
        if (budget == Integer.MAX_VALUE) {
            return messages;
        }
        int tokens = size.count(messages);
        if (tokens <= budget) {
            return messages;
        }
        List<String> empty = Collections.nCopies(refs.size(), "");
        int overhead = size.count(withUserText(conversation, lastUser, SynthesisPrompt.render(originalPrompt, empty)));
        if (overhead >= budget) {
            throw new UserError(String.format(Locale.ROOT, "max-context: the synthesis prompt needs %d tokens before any "
                    + "reference, over the %d left by max-context %d minus max-tokens %d",
                    overhead, budget, cfg.maxContext(), cfg.sampling().maxTokens()));
        }
        long refChars = refs.stream().mapToLong(String::length).sum();
        double charsPerToken = (double) refChars / Math.max(1, tokens - overhead);
        long allowance = (long) ((budget - overhead) * charsPerToken);
        List<String> cut = refs;
        int cap = Integer.MAX_VALUE;
        // Token counts are not linear in characters: shrink until the real count fits (a few passes).
        for (int pass = 0; pass < 8 && tokens > budget && allowance > 0; pass++) {
            cap = ReferenceTruncation.cap(refs, allowance);
            cut = ReferenceTruncation.apply(refs, cap);
            messages = withUserText(conversation, lastUser, SynthesisPrompt.render(originalPrompt, cut));
            tokens = size.count(messages);
            allowance = (long) (allowance * Math.min(0.95, (double) (budget - overhead) / Math.max(1, tokens - overhead)));
        }
        long kept = cut.stream().mapToLong(String::length).sum();
        listener.warning(String.format(Locale.ROOT,
                "PaCoRe round %d: synthesis prompt over the %d-token budget (max-context %d - max-tokens %d)%s; "
                        + "cut each of the %d references to at most %d chars, removing %d of %d chars (%.1f%%)",
                round, budget, cfg.maxContext(), cfg.sampling().maxTokens(),
                size.estimated() ? ", counted at ~" + PromptSize.CHARS_PER_TOKEN + " chars/token" : "",
                refs.size(), cap, refChars - kept, refChars, 100.0 * (refChars - kept) / Math.max(1, refChars)));
        if (tokens > budget) {
            throw new UserError(String.format(Locale.ROOT,
                    "max-context: cannot fit the synthesis prompt into %d tokens even with references cut", budget));
        }
        return messages;
    }

    private static List<ChatMessage> withUserText(List<ChatMessage> conversation, int index, String text) {
        List<ChatMessage> copy = new ArrayList<>(conversation);
        copy.set(index, conversation.get(index).withText(text));
        return copy;
    }

    private static List<Completion> runRound(ChatBackend backend, List<ChatMessage> messages, PaCoReConfig cfg,
                                             int round, int count, PaCoReListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 64), daemonThreads(round));
        try {
            List<Future<Completion>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final int index = i;
                SamplingParams sampling = cfg.sampling().withSeed(Seeds.derive(cfg.seed(), round, index));
                ChatRequest request = ChatRequest.of(messages, sampling);
                futures.add(pool.submit(() -> {
                    ChatBackend.TokenListener tokens = listener.tokens(round, index);
                    List<Completion> out = tokens == null ? backend.complete(request) : backend.complete(request, tokens);
                    listener.completed(round, index, out.get(0));
                    return out.get(0);
                }));
            }
            List<Completion> completions = new ArrayList<>();
            RuntimeException firstFailure = null;
            for (int i = 0; i < count; i++) {
                Completion c;
                try {
                    c = futures.get(i).get();
                } catch (ExecutionException e) {
                    RuntimeException cause = asRuntime(e.getCause());
                    if (cause instanceof UserError) {
                        throw cause; // bad input fails every request alike: stop now
                    }
                    if (firstFailure == null) {
                        firstFailure = cause;
                    }
                    listener.warning(String.format(Locale.ROOT, "PaCoRe round %d, request %d failed: %s",
                            round, i, cause.getMessage()));
                    c = new Completion("", null, "error", 0, 0, 0, null, null);
                    listener.completed(round, i, c);
                }
                completions.add(c);
            }
            if (firstFailure != null && completions.stream().allMatch(c -> "error".equals(c.finishReason()))) {
                throw firstFailure;
            }
            return completions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PaCoRe interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int lastUserIndex(List<ChatMessage> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i).role().equals("user")) {
                return i;
            }
        }
        throw new UserError("PaCoRe: the conversation has no user message to answer");
    }

    private static RuntimeException asRuntime(Throwable t) {
        return t instanceof RuntimeException re ? re : new IllegalStateException(t.getMessage(), t);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(int round) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pacore-r" + round + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
