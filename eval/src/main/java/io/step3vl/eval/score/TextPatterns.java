package io.step3vl.eval.score;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text surgery shared by the scorers: boxed answers, answer cues, markdown. */
public final class TextPatterns {
    /** "The answer is", "Answer:", "final answer", "答案是" ... up to the end of the line. */
    private static final Pattern ANSWER_CUE = Pattern.compile(
            "(?i)\\banswer(?![a-z])\\s*(?:(?:is|would\\s+be|should\\s+be|will\\s+be)\\s*[:：=]?|[:：=])\\s*"
                    + "|答案(?:是|为|：|:)\\s*");

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern TEXT_WRAPPER =
            Pattern.compile("\\\\(?:text|textbf|mathrm|mathbf|textit|mbox)\\s*\\{([^{}]*)}");
    private static final Pattern DOLLARS = Pattern.compile("^\\$+|\\$+$");

    private TextPatterns() {}

    /**
     * The content of the last {@code \boxed{...}} (or {@code \fbox{...}}), braces matched, or of a
     * brace-less {@code \boxed 5}; null when there is none or it is unterminated.
     */
    public static String lastBoxed(String text) {
        int at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
        if (at < 0) {
            return null;
        }
        int i = at + (text.startsWith("\\boxed", at) ? "\\boxed".length() : "\\fbox".length());
        if (i < text.length() && text.charAt(i) == ' ') {
            // "\boxed 5": up to the next whitespace or dollar sign.
            int start = i + 1;
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
                end++;
            }
            return end > start ? text.substring(start, end) : null;
        }
        if (i >= text.length() || text.charAt(i) != '{') {
            return null;
        }
        int depth = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\' && j + 1 < text.length()) {
                j++; // an escaped brace \{ does not count
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return text.substring(i + 1, j);
                }
            }
        }
        return null;
    }

    /**
     * The text following the last answer cue ("the answer is", "Answer:", "final answer:"), up to the
     * end of its line, trimmed; null when there is no cue followed by text.
     */
    public static String afterLastCue(String text) {
        Matcher m = ANSWER_CUE.matcher(text);
        String found = null;
        while (m.find()) {
            int end = text.indexOf('\n', m.end());
            String rest = text.substring(m.end(), end < 0 ? text.length() : end).strip();
            if (!rest.isEmpty()) {
                found = rest;
            }
        }
        return found;
    }

    /** Removes markdown emphasis and code marks ({@code **B**}, {@code `B`}, {@code __B__}). */
    public static String stripMarkdown(String text) {
        return text.replace("**", "").replace("__", "").replace("`", "");
    }

    /** The last non-blank line, stripped; empty when there is none. */
    public static String lastLine(String text) {
        String[] lines = LINE_BREAK.split(text.strip());
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    /** Strips LaTeX text wrappers and math delimiters: {@code \text{(B)}} → {@code (B)}, {@code $5$} → {@code 5}. */
    public static String unwrapLatex(String s) {
        String out = s.strip();
        out = TEXT_WRAPPER.matcher(out).replaceAll("$1");
        out = out.replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", "");
        out = DOLLARS.matcher(out).replaceAll("");
        return out.strip();
    }
}
