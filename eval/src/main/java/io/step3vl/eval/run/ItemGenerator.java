package io.step3vl.eval.run;

import io.step3vl.eval.data.EvalItem;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.pacore.PaCoRe;
import io.step3vl.inference.pacore.PaCoReConfig;
import io.step3vl.inference.pacore.PaCoReListener;
import io.step3vl.inference.pacore.PaCoReResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Asks the backend for one item's replies in one mode and packs them as a {@link Prediction}. */
final class ItemGenerator {
    /** Longest question text kept in a prediction (for reports; the prompt itself is fingerprinted). */
    static final int QUESTION_CHARS = 4000;

    private final ChatBackend backend;
    private final JudgeSelector judge;
    private final SamplingParams sampling;
    private final int maxContext;
    private final Consumer<String> warnings;

    ItemGenerator(ChatBackend backend, JudgeSelector judge, SamplingParams sampling, int maxContext,
                  Consumer<String> warnings) {
        this.backend = backend;
        this.judge = judge;
        this.sampling = sampling;
        this.maxContext = maxContext;
        this.warnings = warnings;
    }

    Prediction generate(String key, String dataset, EvalItem item, Mode mode, String promptFingerprint, String settings,
                        long seed, boolean useJudge) {
        long start = System.nanoTime();
        SamplingParams s = sampling.withSeed(seed);
        List<Sample> samples = new ArrayList<>();
        List<List<Sample>> rounds = null;
        Integer selected = null;
        String judgeName = null;
        long promptTokens = 0;
        long completionTokens = 0;
        if (mode instanceof Mode.PaCoRe p) {
            PaCoReListener listener = new PaCoReListener() {
                @Override
                public void warning(String message) {
                    warnings.accept(dataset + "/" + item.id() + ": " + message);
                }
            };
            PaCoReResult result = PaCoRe.run(backend, item.messages(), new PaCoReConfig(p.rounds(), s, maxContext, seed),
                    listener);
            rounds = new ArrayList<>();
            for (int r = 0; r < result.rounds().size(); r++) {
                List<Sample> round = new ArrayList<>();
                for (Completion c : result.rounds().get(r)) {
                    round.add(Sample.of(c));
                    promptTokens += c.promptTokens();
                    completionTokens += c.completionTokens();
                }
                if (r < result.rounds().size() - 1) {
                    rounds.add(round);
                }
            }
            samples.add(Sample.of(result.finalCompletion()));
        } else {
            List<Completion> replies = backend.complete(new ChatRequest(item.messages(), s, mode.samples()));
            if (replies.size() != mode.samples()) {
                throw new IllegalStateException("backend returned " + replies.size() + " completions for n=" + mode.samples());
            }
            for (Completion c : replies) {
                samples.add(Sample.of(c));
                promptTokens += c.promptTokens();
                completionTokens += c.completionTokens();
            }
            if (mode instanceof Mode.BestOf && useJudge) {
                selected = judge.choose(item.messages(), samples, s.thinking());
                judgeName = judge.describe();
                if (selected == null) {
                    warnings.accept(dataset + "/" + item.id() + ": the judge named no candidate; self-consistency decides");
                }
            }
        }
        double latency = (System.nanoTime() - start) / 1e9;
        String question = item.question();
        if (question.length() > QUESTION_CHARS) {
            question = question.substring(0, QUESTION_CHARS) + "…";
        }
        return new Prediction(key, dataset, mode.spec(), item.id(), item.category(), item.l2Category(), question,
                SavedReference.of(item.reference()), promptFingerprint, settings, s.thinking(), seed, samples, rounds,
                selected, judgeName, promptTokens, completionTokens, latency, backend.describe());
    }
}
