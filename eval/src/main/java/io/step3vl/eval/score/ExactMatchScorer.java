package io.step3vl.eval.score;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normalised exact match against any accepted answer. Normalisation (SQuAD/VQA style): Unicode NFKC,
 * lower case, punctuation removed, the articles a/an/the dropped, number words zero–twenty as
 * digits, whitespace collapsed. The answer is the last {@code \boxed{}} or the last answer cue when
 * present, else the whole answer with a trailing full stop dropped.
 */
public final class ExactMatchScorer implements Scorer {
    private static final Pattern ARTICLES = Pattern.compile("\\b(?:a|an|the)\\b");
    private static final Pattern PUNCT = Pattern.compile("[\\p{P}\\p{S}&&[^%$]]");
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"));

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public String rules() {
        return "exact: last \\boxed{} > last answer cue > whole answer; NFKC, lower case, no punctuation, "
                + "no articles, number words as digits; equal to any accepted answer; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public Score score(String answer, Reference reference) {
        String got = extract(answer, reference);
        if (got == null || got.isEmpty()) {
            return Score.unparsable("empty answer");
        }
        for (String gold : reference.answers()) {
            if (normalize(gold).equals(got)) {
                return Score.correct(got, "matches '" + gold + "'");
            }
        }
        return Score.wrong(got, "expected " + String.join(" | ", reference.answers()));
    }

    @Override
    public String extract(String answer, Reference reference) {
        if (answer == null) {
            return null;
        }
        String text = TextPatterns.stripMarkdown(answer).strip();
        String boxed = TextPatterns.lastBoxed(text);
        if (boxed != null) {
            return normalize(TextPatterns.unwrapLatex(boxed));
        }
        String cue = TextPatterns.afterLastCue(text);
        return normalize(cue != null ? cue : text);
    }

    /** The SQuAD/VQA normalisation described in the class comment. */
    public static String normalize(String s) {
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = PUNCT.matcher(t).replaceAll(" ");
        t = ARTICLES.matcher(t).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        for (String w : t.trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(NUMBER_WORDS.getOrDefault(w, w));
        }
        return out.toString();
    }
}
