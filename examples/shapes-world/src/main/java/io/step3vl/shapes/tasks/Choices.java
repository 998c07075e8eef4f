package io.step3vl.shapes.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Four lettered options (A–D), one of them correct, in a seeded order. */
record Choices(Map<String, String> options, String correctLetter) {
    static final String INSTRUCTION = "Answer with the option's letter.";

    static Choices of(SplittableRandom rng, String correct, List<String> pool) {
        List<String> distractors = new ArrayList<>(pool);
        distractors.remove(correct);
        shuffle(distractors, rng);
        List<String> picked = new ArrayList<>(distractors.subList(0, Math.min(3, distractors.size())));
        picked.add(correct);
        shuffle(picked, rng);
        Map<String, String> options = new LinkedHashMap<>();
        String letter = null;
        for (int i = 0; i < picked.size(); i++) {
            String l = String.valueOf((char) ('A' + i));
            options.put(l, picked.get(i));
            if (picked.get(i).equals(correct)) {
                letter = l;
            }
        }
        return new Choices(Collections.unmodifiableMap(options), letter);
    }

    /** The question followed by one "A. red" line per option and the instruction. */
    String render(String question) {
        StringBuilder sb = new StringBuilder(question);
        options.forEach((l, text) -> sb.append('\n').append(l).append(". ").append(text));
        return sb.append('\n').append(INSTRUCTION).toString();
    }

    /** Fisher–Yates with the caller's generator (Collections.shuffle wants a java.util.Random). */
    static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }
}
