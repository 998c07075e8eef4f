package io.step3vl.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A scripted test-double backend: the reply to each of a request's n completions comes from a
 * function of (request, index); every request is recorded. Thread-safe.
 */
public final class FakeBackend implements ChatBackend {
    private final BiFunction<ChatRequest, Integer, Completion> reply;
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final boolean countsWords;

    public FakeBackend(BiFunction<ChatRequest, Integer, Completion> reply) {
        this(reply, false);
    }

    /** {@code countsWords}: {@link #countTokens} counts whitespace-separated words, else it is unknown (-1). */
    private FakeBackend(BiFunction<ChatRequest, Integer, Completion> reply, boolean countsWords) {
        this.reply = reply;
        this.countsWords = countsWords;
    }

    /**
     * A backend whose replies depend only on the last user text and the seed: reasoning, then an
     * answer whose length varies with the seed. Same request, same reply, on any path.
     */
    public static FakeBackend deterministic() {
        return new FakeBackend((req, i) -> {
            long seed = req.sampling().seed() + i;
            String prompt = lastUserText(req.messages());
            String answer = "answer " + Math.floorMod(seed, 5) + " " + "x".repeat((int) Math.floorMod(seed, 13))
                    + " [" + Integer.toHexString(prompt.hashCode()) + "]";
            String content = "<think>thinking about " + prompt.length() + " chars with seed " + seed + "</think>\n\n" + answer;
            return new Completion(content, null, "stop", prompt.length() / 4, content.length() / 4, 0.01, null, null);
        });
    }

    /** The same, also counting tokens as whitespace-separated words (to test budgets with a real count). */
    public static FakeBackend deterministicCountingWords() {
        FakeBackend base = deterministic();
        return new FakeBackend(base.reply, true);
    }

    public static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    @Override
    public List<Completion> complete(ChatRequest request) {
        requests.add(request);
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            out.add(reply.apply(request, i));
        }
        return out;
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
        if (!countsWords) {
            return -1;
        }
        int words = 0;
        for (ChatMessage m : messages) {
            String t = m.text().strip();
            words += t.isEmpty() ? 0 : t.split("\\s+").length;
        }
        return words;
    }

    public List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public String describe() {
        return "fake";
    }
}
