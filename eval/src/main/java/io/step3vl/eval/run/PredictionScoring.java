package io.step3vl.eval.run;

import io.step3vl.eval.score.AnswerText;
import io.step3vl.eval.score.Reference;
import io.step3vl.eval.score.Score;
import io.step3vl.eval.score.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a saved {@link Prediction} with a scorer, by its mode: the reply (sere), the final synthesis
 * (PaCoRe), the winning answer of a vote (majority), or the verifier's choice (best-of). Pure: the
 * same prediction and scorer always give the same verdict, which is what lets {@code eval score}
 * re-score without generating.
 */
public final class PredictionScoring {
    private final boolean scoreReasoning;
    private final Verifier verifier;

    /**
     * @param scoreReasoning score the whole reply, reasoning included (the default reads only the answer)
     * @param verifier       how best-of chooses when the prediction does not already carry a judge's choice
     */
    public PredictionScoring(boolean scoreReasoning, Verifier verifier) {
        this.scoreReasoning = scoreReasoning;
        this.verifier = verifier;
    }

    public ScoredItem score(Prediction p, Scorer scorer, int ordinal, String where) {
        Reference ref = p.reference().toReference(where);
        Scorer judgeOf = scorer.resolve(ref);
        Mode mode = Mode.parse(p.mode());
        List<Sample> samples = p.samples();
        if (samples.isEmpty()) {
            return item(p, ordinal, Score.unparsable("no reply saved"), judgeOf, null, null);
        }
        if (mode instanceof Mode.Sere || mode instanceof Mode.PaCoRe) {
            return item(p, ordinal, scoreSample(samples.get(0), p.thinking(), scorer, ref), judgeOf, null, null);
        }
        double[] sampleScores = new double[samples.size()];
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Score s = scoreSample(samples.get(i), p.thinking(), scorer, ref);
            sampleScores[i] = s.value();
            answers.add(s.extracted());
        }
        int chosen;
        String vote;
        if (mode instanceof Mode.BestOf && p.selected() != null) {
            chosen = Math.max(0, Math.min(samples.size() - 1, p.selected()));
            vote = "judge chose " + (chosen + 1) + "/" + samples.size();
        } else if (mode instanceof Mode.BestOf && verifier == Verifier.ORACLE) {
            chosen = 0;
            for (int i = 0; i < sampleScores.length; i++) {
                if (sampleScores[i] > sampleScores[chosen]) {
                    chosen = i;
                }
            }
            vote = "oracle chose " + (chosen + 1) + "/" + samples.size();
        } else {
            int[] votes = votes(answers, scorer, ref);
            chosen = -1;
            for (int i = 0; i < votes.length; i++) {
                if (votes[i] > 0 && (chosen < 0 || votes[i] > votes[chosen])) {
                    chosen = i;
                }
            }
            if (chosen < 0) {
                return item(p, ordinal, Score.unparsable("no sample gave an extractable answer"), judgeOf, sampleScores,
                        "0/" + samples.size());
            }
            vote = votes[chosen] + "/" + samples.size();
        }
        Score s = scoreSample(samples.get(chosen), p.thinking(), scorer, ref);
        Score withVote = new Score(s.value(), s.extracted(), s.reason() + " (" + vote + ")");
        return item(p, ordinal, withVote, judgeOf, sampleScores, vote);
    }

    /**
     * Votes per sample: votes[i] is the size of the group of samples agreeing with sample i, counted
     * only at each group's first sample (others get 0), so ties go to the earliest answer.
     */
    static int[] votes(List<String> answers, Scorer scorer, Reference ref) {
        int n = answers.size();
        int[] group = new int[n];
        java.util.Arrays.fill(group, -1);
        int[] votes = new int[n];
        for (int i = 0; i < n; i++) {
            if (answers.get(i) == null || group[i] >= 0) {
                continue;
            }
            group[i] = i;
            votes[i] = 1;
            for (int j = i + 1; j < n; j++) {
                if (group[j] < 0 && answers.get(j) != null && scorer.sameAnswer(answers.get(i), answers.get(j), ref)) {
                    group[j] = i;
                    votes[i]++;
                }
            }
        }
        return votes;
    }

    /** Scores one sample: its answer part (or the whole text when reasoning is scored too). */
    public Score scoreSample(Sample s, boolean thinking, Scorer scorer, Reference ref) {
        if ("error".equals(s.finishReason())) {
            return Score.unparsable("the request failed");
        }
        if (scoreReasoning) {
            String whole = (s.reasoning() == null ? "" : s.reasoning() + "\n") + s.content().replace("</think>", "\n");
            return scorer.score(whole, ref);
        }
        if (s.reasoning() != null) {
            // The backend split the reasoning off: the content is the answer.
            return scorer.score(AnswerText.of(s.content(), false), ref);
        }
        return scorer.scoreReply(s.content(), thinking, ref);
    }

    private static ScoredItem item(Prediction p, int ordinal, Score s, Scorer scorer, double[] sampleScores, String vote) {
        return new ScoredItem(p.dataset(), p.mode(), p.id(), ordinal, p.category(), p.l2Category(), s.value(),
                s.extracted(), s.reason(), scorer.name(), scorer.binary(), sampleScores, vote, p.promptTokens(),
                p.completionTokens(), p.latencySeconds(), null);
    }

    /** What a report says about extraction: the scorer's rules and whether reasoning was read. */
    public String describe(Scorer scorer) {
        return scorer.rules() + (scoreReasoning ? "; reasoning scored too (score_reasoning)" : "");
    }

    public Verifier verifier() {
        return verifier;
    }

    public boolean scoreReasoning() {
        return scoreReasoning;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PredictionScoring[reasoning=%s, verifier=%s]", scoreReasoning, verifier.key());
    }
}
