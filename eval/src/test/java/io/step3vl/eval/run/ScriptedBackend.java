package io.step3vl.eval.run;

import io.step3vl.eval.data.DatasetSpec;
import io.step3vl.eval.data.Datasets;
import io.step3vl.eval.data.EvalItem;
import io.step3vl.eval.score.CoordinateFormat;
import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic test double for a model: it recognises each benchmark question (by its rendered
 * text, also inside PaCoRe synthesis prompts) and answers it correctly with probability {@code p},
 * decided by a hash of the question, the request seed and the completion index, so the same request
 * always gets the same reply. Replies look like a reasoning model's (thinking, then an answer in one
 * of several common spellings). It counts calls and can simulate a kill or failures.
 */
final class ScriptedBackend implements ChatBackend {
    /** Stands in for the process dying: an Error the runner must not swallow. */
    static final class SimulatedKill extends Error {
        SimulatedKill() {
            super("simulated kill");
        }
    }

    private final Map<String, Reference> byQuestion = new HashMap<>();
    private final double p;
    private final String name;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile int killAfterCalls = -1;
    volatile String failQuestionContaining;
    volatile RuntimeException failWith;
    volatile long delayMillis;

    ScriptedBackend(List<DatasetSpec> datasets, double p, String name) {
        this.p = p;
        this.name = name;
        for (DatasetSpec d : datasets) {
            for (EvalItem item : Datasets.readAll(d)) {
                ChatMessage last = item.messages().get(item.messages().size() - 1);
                byQuestion.put(key(item.question(), last), item.reference());
            }
        }
    }

    @Override
    public List<Completion> complete(ChatRequest request) {
        int call = calls.incrementAndGet();
        if (killAfterCalls >= 0 && call > killAfterCalls) {
            throw new SimulatedKill();
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String text = lastUserText(request.messages());
            ChatMessage lastUser = lastUser(request.messages());
            if (failWith != null && (failQuestionContaining == null || text.contains(failQuestionContaining))) {
                throw failWith;
            }
            boolean synthesis = text.startsWith("You are given a problem and a list of reference responses.");
            String question = synthesis ? originalProblem(text) : text;
            Reference ref = byQuestion.get(key(question, lastUser));
            if (ref == null) {
                throw new IllegalStateException("scripted backend: unknown question: " + question);
            }
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                completions.incrementAndGet();
                long h = mix(question.hashCode() * 1_000_003L + request.sampling().seed() * 31 + i + (synthesis ? 7 : 0));
                boolean right = (h >>> 11) * 0x1.0p-53 < p;
                String answer = reply(ref, right, (int) (h & 3));
                String content = request.sampling().thinking()
                        ? "Let me look at the image carefully. I considered (C) and 999 first.\n</think>\n\n" + answer
                        : answer;
                out.add(new Completion(content, null, "stop", 40 + question.length() / 4, 25 + answer.length() / 4,
                        0.01, null, null));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public String describe() {
        return "scripted:" + name + " (p=" + p + ")";
    }

    /** Questions repeat across items ("What does the text say?"): the images tell them apart. */
    static String key(String question, ChatMessage message) {
        int h = 1;
        for (var image : message.images()) {
            h = 31 * h + java.util.Arrays.hashCode(image.bytes());
        }
        return question + "#" + h;
    }

    static ChatMessage lastUser(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i);
            }
        }
        throw new IllegalStateException("no user turn");
    }

    static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static String originalProblem(String synthesis) {
        int start = synthesis.indexOf("Original Problem:\n") + "Original Problem:\n".length();
        int end = synthesis.indexOf("\n\nReference Responses:");
        return synthesis.substring(start, end);
    }

    /** A right or wrong reply in one of four spellings for the answer type. */
    static String reply(Reference ref, boolean right, int style) {
        String gold = ref.answer();
        return switch (ref.type()) {
            case CHOICE -> {
                String letter = right ? gold.strip() : wrongLetter(gold.strip(), ref);
                yield switch (style) {
                    case 0 -> "The answer is (" + letter + ").";
                    case 1 -> "\\boxed{" + letter + "}";
                    case 2 -> letter;
                    default -> "Answer: " + letter;
                };
            }
            case NUMBER -> {
                int v = (int) Double.parseDouble(gold) + (right ? 0 : 1);
                yield style % 2 == 0 ? "There are " + v + " of them." : "The answer is " + v + ".";
            }
            case MATH -> right ? "So the sum is $\\boxed{" + gold + "}$." : "So the sum is $\\boxed{1}$.";
            case TEXT -> right ? (style % 2 == 0 ? gold : "**" + Character.toUpperCase(gold.charAt(0)) + gold.substring(1) + ".**")
                    : "no idea at all";
            case OCR -> right ? gold.toLowerCase() : "XYZ";
            case BOX -> right ? norm1000Box(ref) : "[0, 0, 100, 100]";
            case POINT -> right ? norm1000Point(ref) : "[5, 995]";
        };
    }

    private static String wrongLetter(String gold, Reference ref) {
        for (String l : ref.options().isEmpty() ? List.of("A", "B", "C", "D") : ref.options().keySet()) {
            if (!l.equals(gold)) {
                return l;
            }
        }
        return "J";
    }

    private static double[] numbers(String s) {
        return java.util.Arrays.stream(s.replaceAll("[\\[\\]]", "").split(","))
                .mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
    }

    private static String norm1000Box(Reference ref) {
        double[] v = numbers(ref.answer());
        if (ref.boxFormat() == CoordinateFormat.PIXEL) {
            v = new double[] {v[0] * 1000 / ref.imageWidth(), v[1] * 1000 / ref.imageHeight(),
                v[2] * 1000 / ref.imageWidth(), v[3] * 1000 / ref.imageHeight()};
        }
        return String.format(java.util.Locale.ROOT, "The box is [%d, %d, %d, %d].", Math.round(v[0]), Math.round(v[1]),
                Math.round(v[2]), Math.round(v[3]));
    }

    private static String norm1000Point(Reference ref) {
        double[] v = numbers(ref.answer());
        double x = v.length == 4 ? (v[0] + v[2]) / 2 : v[0];
        double y = v.length == 4 ? (v[1] + v[3]) / 2 : v[1];
        return String.format(java.util.Locale.ROOT, "It is at (%d, %d).", Math.round(x), Math.round(y));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
