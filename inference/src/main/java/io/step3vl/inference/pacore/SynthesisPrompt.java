package io.step3vl.inference.pacore;

import java.util.List;

/**
 * The synthesis prompt, character for character as the public PaCoRe Jinja template renders it
 * (default Jinja settings keep the newline after each loop tag and drop the template's final
 * newline). The released models were trained on this text; do not reword it.
 */
public final class SynthesisPrompt {
    static final String HEAD = "You are given a problem and a list of reference responses. Your job is to analyze "
            + "these references and provide your own response.\n\nOriginal Problem:\n";
    static final String REFERENCES = "\n\nReference Responses:\n";
    static final String TAIL = "\n\nNow, based on the original problem and reference responses above, please provide "
            + "your own comprehensive solution.";

    private SynthesisPrompt() {}

    public static String render(String originalPrompt, List<String> references) {
        StringBuilder sb = new StringBuilder(HEAD).append(originalPrompt).append(REFERENCES);
        for (int i = 0; i < references.size(); i++) {
            sb.append("\nReference ").append(i + 1).append(":\n").append(references.get(i)).append('\n');
        }
        return sb.append(TAIL).toString();
    }
}
