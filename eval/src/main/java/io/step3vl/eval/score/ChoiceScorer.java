package io.step3vl.eval.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multiple choice: finds which option letter the answer picks and compares it with the reference
 * letter (or the option whose text the reference gives). The rules, first match wins:
 * <ol>
 *   <li>the last {@code \boxed{}} holding a letter or an option's text;</li>
 *   <li>the last answer cue ("the answer is (B)", "Answer: B", "答案是 B") followed by a letter;</li>
 *   <li>the whole answer, or its last line, is a letter form: {@code B}, {@code (B)}, {@code B.},
 *       {@code B) text}, {@code B. text};</li>
 *   <li>the answer equals an option's text (case and punctuation ignored);</li>
 *   <li>a refusal ("I cannot determine...", "none of the options") is wrong;</li>
 *   <li>exactly one option's text occurs in the answer (the longest wins when one contains another);</li>
 *   <li>exactly one option letter stands alone in the answer ("A"/"I" used as words are skipped).</li>
 * </ol>
 * Several different letters at the same rule make the answer ambiguous: wrong.
 */
public final class ChoiceScorer implements Scorer {
    private static final String LETTERS = "ABCDEFGHIJ";
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}“”‘’。，、：；！？]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.。!！?？:：;；,，]+$");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    /** A letter marked as one: "(B) ...", "[B] ...", "B. ...", "B) ...", "B: ...". */
    private static final Pattern LETTER_FORM =
            Pattern.compile("^(?:\\(([A-J])\\)|\\[([A-J])]|([A-J])[).:：])(?:\\s.*)?$", Pattern.DOTALL);
    private static final Pattern LETTER_ONLY = Pattern.compile("^[(\\[]?([A-Ja-j])[)\\].:：]?$");
    /** After an answer cue a bare letter is enough: "the answer is B because ...". */
    private static final Pattern CUE_LETTER = Pattern.compile("^[(\\[]?([A-J])(?![A-Za-z0-9'’])");
    private static final Pattern OPTION_PREFIX = Pattern.compile("(?i)^(?:option|choice)\\s+");
    private static final Pattern STANDALONE = Pattern.compile("(?<![A-Za-z0-9'’])([A-J])(?![A-Za-z0-9'’])");
    private static final Pattern REFUSAL = Pattern.compile("(?i)\\b(?:i\\s*(?:cannot|can't|can’t|am\\s+unable|'m\\s+unable"
            + "|am\\s+not\\s+able|do\\s+not\\s+know|don't\\s+know)|unable\\s+to\\s+(?:determine|answer|tell|see)"
            + "|cannot\\s+be\\s+determined|can't\\s+be\\s+determined|not\\s+possible\\s+to\\s+(?:determine|tell)"
            + "|none\\s+of\\s+the\\s+(?:options|choices|above)|insufficient\\s+information|sorry)\\b");

    @Override
    public String name() {
        return "choice";
    }

    @Override
    public String rules() {
        return "choice: last \\boxed{} letter/option text > last answer cue (\"the answer is (B)\", \"Answer: B\") "
                + "> whole answer or last line is a letter form (B, (B), B., B) text) > equals an option's text "
                + "> refusal = wrong > exactly one option text contained > exactly one standalone option letter; "
                + "ambiguous = wrong; reads the answer after the last </think>";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public Score score(String answer, Reference reference) {
        Map<String, String> options = reference.options();
        String gold = goldLetter(reference);
        if (gold == null) {
            return Score.unparsable("reference answer '" + reference.answer() + "' is not an option letter or option text");
        }
        Extraction e = extractLetter(answer, options);
        if (e.letter == null) {
            return Score.unparsable(e.reason);
        }
        return e.letter.equals(gold)
                ? Score.correct(e.letter, e.reason)
                : Score.wrong(e.letter, e.reason + "; expected " + gold);
    }

    @Override
    public String extract(String answer, Reference reference) {
        return extractLetter(answer, reference.options()).letter;
    }

    /** The reference as a letter: a letter form, or the letter of the option whose text it is. */
    static String goldLetter(Reference reference) {
        for (String a : reference.answers()) {
            String t = TextPatterns.unwrapLatex(a.strip());
            Matcher m = LETTER_ONLY.matcher(t);
            if (m.matches()) {
                return m.group(1).toUpperCase(Locale.ROOT);
            }
            String byText = optionByText(t, reference.options());
            if (byText != null) {
                return byText;
            }
        }
        return null;
    }

    private record Extraction(String letter, String reason) {}

    static String letterOf(String answer, Map<String, String> options) {
        return extractLetter(answer, options).letter;
    }

    private static Extraction extractLetter(String raw, Map<String, String> options) {
        String text = TextPatterns.stripMarkdown(raw == null ? "" : raw).strip();
        if (text.isEmpty()) {
            return new Extraction(null, "empty answer");
        }
        Set<String> valid = validLetters(options);
        String boxed = TextPatterns.lastBoxed(text);
        if (boxed != null) {
            String inner = TextPatterns.unwrapLatex(boxed);
            String letter = letterForm(inner, valid);
            if (letter == null) {
                letter = optionByText(inner, options);
            }
            if (letter != null) {
                return new Extraction(letter, "\\boxed{" + inner + "}");
            }
        }
        String cue = TextPatterns.afterLastCue(text);
        if (cue != null) {
            String inner = OPTION_PREFIX.matcher(TextPatterns.unwrapLatex(cue)).replaceFirst("");
            String letter = letterForm(inner, valid);
            if (letter == null) {
                Matcher m = CUE_LETTER.matcher(inner);
                letter = m.find() && valid.contains(m.group(1)) ? m.group(1) : null;
            }
            if (letter == null) {
                letter = optionByText(stripTrailingPunctuation(inner), options);
            }
            if (letter != null) {
                return new Extraction(letter, "answer cue \"" + abbreviate(cue) + "\"");
            }
        }
        String[] lines = LINE_BREAK.split(text);
        String first = OPTION_PREFIX.matcher(TextPatterns.unwrapLatex(lines[0])).replaceFirst("");
        String last = OPTION_PREFIX.matcher(TextPatterns.unwrapLatex(TextPatterns.lastLine(text))).replaceFirst("");
        String firstLetter = letterForm(first, valid);
        String lastLetter = lines.length > 1 ? letterForm(last, valid) : null;
        if (firstLetter != null && lastLetter != null && !firstLetter.equals(lastLetter)) {
            return new Extraction(null, "ambiguous: first line says " + firstLetter + ", last line says " + lastLetter);
        }
        if (firstLetter != null) {
            return new Extraction(firstLetter, lines.length > 1 ? "first line is a letter form" : "answer is a letter form");
        }
        if (lastLetter != null) {
            return new Extraction(lastLetter, "last line is a letter form");
        }
        String letter;
        letter = optionByText(stripTrailingPunctuation(text), options);
        if (letter != null) {
            return new Extraction(letter, "answer equals the text of option " + letter);
        }
        if (REFUSAL.matcher(text).find()) {
            return new Extraction(null, "refusal: no option chosen");
        }
        List<String> contained = containedOptions(text, options);
        if (contained.size() == 1) {
            return new Extraction(contained.get(0), "answer contains the text of option " + contained.get(0));
        }
        if (contained.size() > 1) {
            return new Extraction(null, "ambiguous: the texts of options " + String.join(", ", contained) + " all occur");
        }
        Set<String> standalone = standaloneLetters(text, valid);
        if (standalone.size() == 1) {
            String only = standalone.iterator().next();
            return new Extraction(only, "the only standalone option letter is " + only);
        }
        if (standalone.size() > 1) {
            return new Extraction(null, "ambiguous: letters " + String.join(", ", standalone) + " all occur");
        }
        return new Extraction(null, "no option letter or option text found");
    }

    private static Set<String> validLetters(Map<String, String> options) {
        Set<String> valid = new LinkedHashSet<>();
        if (options.isEmpty()) {
            for (char c : LETTERS.toCharArray()) {
                valid.add(String.valueOf(c));
            }
        } else {
            for (String k : options.keySet()) {
                valid.add(k.strip().toUpperCase(Locale.ROOT));
            }
        }
        return valid;
    }

    /** "B", "(B)", "B.", "B) Paris", "[B]": the letter when valid; a lone lower-case letter too. */
    private static String letterForm(String s, Set<String> valid) {
        String t = s.strip();
        Matcher only = LETTER_ONLY.matcher(stripTrailingPunctuation(t));
        if (only.matches()) {
            String l = only.group(1).toUpperCase(Locale.ROOT);
            return valid.contains(l) ? l : null;
        }
        Matcher m = LETTER_FORM.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String l = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        return valid.contains(l) ? l : null;
    }

    private static String optionByText(String text, Map<String, String> options) {
        String norm = normalize(text);
        if (norm.isEmpty()) {
            return null;
        }
        String found = null;
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (normalize(o.getValue()).equals(norm)) {
                if (found != null) {
                    return null; // two options with the same text: cannot tell
                }
                found = o.getKey().strip().toUpperCase(Locale.ROOT);
            }
        }
        return found;
    }

    private static List<String> containedOptions(String text, Map<String, String> options) {
        String norm = " " + normalize(text) + " ";
        Map<String, String> hits = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : options.entrySet()) {
            String opt = normalize(o.getValue());
            if (!opt.isEmpty() && norm.contains(" " + opt + " ")) {
                hits.put(o.getKey().strip().toUpperCase(Locale.ROOT), opt);
            }
        }
        // "dark red" contains "red": keep only options not inside another hit.
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : hits.entrySet()) {
            boolean inside = false;
            for (Map.Entry<String, String> other : hits.entrySet()) {
                if (!other.getKey().equals(h.getKey()) && other.getValue().length() > h.getValue().length()
                        && (" " + other.getValue() + " ").contains(" " + h.getValue() + " ")) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(h.getKey());
            }
        }
        return kept;
    }

    private static Set<String> standaloneLetters(String text, Set<String> valid) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = STANDALONE.matcher(text);
        while (m.find()) {
            String l = m.group(1);
            if (!valid.contains(l)) {
                continue;
            }
            int after = m.end();
            if ((l.equals("A") || l.equals("I")) && after + 1 < text.length() && text.charAt(after) == ' '
                    && Character.isLowerCase(text.charAt(after + 1))) {
                continue; // the article "A" or the pronoun "I"
            }
            found.add(l);
        }
        return found;
    }

    /** Lower case, punctuation to spaces, single spaces. */
    static String normalize(String s) {
        return WHITESPACE.matcher(PUNCTUATION.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
    }

    private static String stripTrailingPunctuation(String s) {
        return TRAILING_PUNCTUATION.matcher(s.strip()).replaceAll("").strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
