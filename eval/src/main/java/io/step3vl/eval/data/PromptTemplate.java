package io.step3vl.eval.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * How a benchmark row becomes the user prompt. Placeholders (only these; other braces, e.g. LaTeX,
 * pass through): {@code {question}}, {@code {hint}} (the hint template filled in, or nothing when the
 * row has no hint), {@code {options}} (one {@code optionTemplate} line per option) and
 * {@code {letters}} ({@code A, B, C}). The defaults follow VLMEvalKit's multiple-choice prompt.
 */
public record PromptTemplate(String name, String template, String hintTemplate, String optionTemplate) {
    /** VLMEvalKit's default MCQ prompt (hint, question, lettered options, instruction). */
    public static final PromptTemplate MCQ = new PromptTemplate("mcq",
            "{hint}Question: {question}\nOptions:\n{options}\nPlease select the correct answer from the options above.",
            "Hint: {hint}\n", "{letter}. {text}");
    /** An open question: the hint (if any) and the question. */
    public static final PromptTemplate OPEN = new PromptTemplate("open", "{hint}{question}", "Hint: {hint}\n",
            "{letter}. {text}");
    /** The question text exactly as written (JSONL items whose messages are the prompt). */
    public static final PromptTemplate VERBATIM = new PromptTemplate("verbatim", "{question}", "", "");

    public PromptTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        hintTemplate = hintTemplate == null ? "Hint: {hint}\n" : hintTemplate;
        optionTemplate = optionTemplate == null ? "{letter}. {text}" : optionTemplate;
    }

    /** Fills the template; {@code hint} may be null or blank, {@code options} empty. */
    public String render(String question, String hint, Map<String, String> options) {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(optionTemplate.replace("{letter}", o.getKey()).replace("{text}", o.getValue()));
        }
        String hintText = hint == null || hint.isBlank() ? "" : hintTemplate.replace("{hint}", hint);
        // One pass over the template so substituted text is never itself substituted again.
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{question}", i)) {
                out.append(question);
                i += "{question}".length();
            } else if (template.startsWith("{hint}", i)) {
                out.append(hintText);
                i += "{hint}".length();
            } else if (template.startsWith("{options}", i)) {
                out.append(lines);
                i += "{options}".length();
            } else if (template.startsWith("{letters}", i)) {
                out.append(String.join(", ", options.keySet()));
                i += "{letters}".length();
            } else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    /** A short hash of everything that shapes the prompt; part of the prediction cache key. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {template, hintTemplate, optionTemplate}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
