package io.step3vl.inference.run;

import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.pacore.PaCoRe;
import io.step3vl.inference.pacore.PaCoReConfig;
import io.step3vl.inference.pacore.PaCoReListener;
import io.step3vl.inference.pacore.PaCoReResult;
import java.util.List;

/**
 * Answers conversations on one backend, either with a single request (SeRe) or with PaCoRe. The
 * final text streams to the listener (for PaCoRe: the last round's synthesis). Thread-safe.
 */
public final class Answerer {
    /** What an answer reports while it is produced; all optional. */
    public interface Listener extends PaCoReListener {
        /** Final text as it is generated (reasoning flagged). */
        default void text(String delta, boolean reasoning) {}
    }

    private final ChatBackend backend;
    private final SamplingParams sampling;
    private final List<Integer> pacoreRounds;
    private final int maxContext;

    /**
     * @param pacoreRounds PaCoRe's K vector without the final 1; null or empty = single request
     * @param maxContext   PaCoRe's synthesis context limit (0 = none)
     */
    public Answerer(ChatBackend backend, SamplingParams sampling, List<Integer> pacoreRounds, int maxContext) {
        this.backend = backend;
        this.sampling = sampling;
        this.pacoreRounds = pacoreRounds == null ? List.of() : List.copyOf(pacoreRounds);
        this.maxContext = maxContext;
        if (!this.pacoreRounds.isEmpty()) {
            new PaCoReConfig(this.pacoreRounds, sampling, maxContext, 0); // validate now, not per item
        }
    }

    public boolean pacore() {
        return !pacoreRounds.isEmpty();
    }

    public SamplingParams sampling() {
        return sampling;
    }

    /** Answers {@code conversation} with {@code seed} (the request seed, or PaCoRe's run seed). */
    public Answer answer(List<ChatMessage> conversation, long seed, Listener listener) {
        long start = System.nanoTime();
        long[] firstText = {-1};
        ChatBackend.TokenListener tokens = (index, delta, reasoning) -> {
            if (firstText[0] < 0) {
                firstText[0] = System.nanoTime();
            }
            listener.text(delta, reasoning);
        };
        if (pacoreRounds.isEmpty()) {
            Completion c = backend.complete(ChatRequest.of(conversation, sampling.withSeed(seed)), tokens).get(0);
            return new Answer(c, null, seed, seconds(start, System.nanoTime()), firstTextSeconds(start, firstText[0]),
                    c.completionTokens());
        }
        PaCoReConfig cfg = new PaCoReConfig(pacoreRounds, sampling, maxContext, seed);
        int lastRound = cfg.allRounds().size() - 1;
        PaCoReResult result = PaCoRe.run(backend, conversation, cfg, new PaCoReListener() {
            @Override
            public void roundStarted(int round, int totalRounds, int requests) {
                listener.roundStarted(round, totalRounds, requests);
            }

            @Override
            public void completed(int round, int index, Completion completion) {
                listener.completed(round, index, completion);
            }

            @Override
            public void warning(String message) {
                listener.warning(message);
            }

            @Override
            public ChatBackend.TokenListener tokens(int round, int index) {
                return round == lastRound ? tokens : null;
            }
        });
        return new Answer(result.finalCompletion(), result, seed, seconds(start, System.nanoTime()),
                firstTextSeconds(start, firstText[0]), result.totalCompletionTokens());
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static double firstTextSeconds(long start, long first) {
        return first < 0 ? -1 : seconds(start, first);
    }
}
