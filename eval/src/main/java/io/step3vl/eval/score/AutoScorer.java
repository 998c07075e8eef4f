package io.step3vl.eval.score;

import java.util.EnumMap;
import java.util.Map;

/**
 * Picks the scorer by the item's answer type: choice → {@code choice}, number → {@code numeric},
 * text → {@code exact}, math → {@code math}, ocr → {@code anls}, box → {@code iou@0.5},
 * point → {@code point}. The default for datasets that do not name a scorer.
 */
public final class AutoScorer implements Scorer {
    private final Map<AnswerType, Scorer> byType;

    public AutoScorer(Map<AnswerType, Scorer> byType) {
        this.byType = new EnumMap<>(byType);
        for (AnswerType t : AnswerType.values()) {
            if (!this.byType.containsKey(t)) {
                throw new IllegalArgumentException("auto scorer: no scorer for answer type " + t.key());
            }
        }
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public String rules() {
        StringBuilder sb = new StringBuilder("auto: by answer type (");
        byType.forEach((t, s) -> sb.append(t.key()).append(" → ").append(s.name()).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }

    @Override
    public boolean binary() {
        return byType.values().stream().allMatch(Scorer::binary);
    }

    @Override
    public Score score(String answer, Reference reference) {
        return resolve(reference).score(answer, reference);
    }

    @Override
    public String extract(String answer, Reference reference) {
        return resolve(reference).extract(answer, reference);
    }

    @Override
    public boolean sameAnswer(String a, String b, Reference reference) {
        return resolve(reference).sameAnswer(a, b, reference);
    }

    @Override
    public Scorer resolve(Reference reference) {
        return byType.get(reference.type());
    }
}
