package io.step3vl.eval.run;

/** A wrong item kept for the report: what was asked, expected, extracted, why, and the reply (shortened). */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FailureExample(String dataset, String mode, String id, String question, String expected, String extracted,
                             String reason, String reply) {
    static final int REPLY_CHARS = 1500;

    /** The example for a wrong item: its first saved reply, shortened. */
    public static FailureExample of(Prediction p, ScoredItem s) {
        Sample shown = p.samples().isEmpty() ? null : p.samples().get(0);
        String reply = shown == null ? "" : (shown.reasoning() != null && !shown.reasoning().isEmpty()
                ? "<think>" + shown.reasoning() + "</think>" : "") + shown.content();
        return new FailureExample(p.dataset(), p.mode(), p.id(), shorten(p.question(), 600),
                String.join(" | ", p.reference().answers()), s.extracted(), s.reason(), shorten(reply, REPLY_CHARS));
    }

    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int head = max * 2 / 3;
        int tail = max - head;
        return s.substring(0, head) + "\n[…]\n" + s.substring(s.length() - tail);
    }
}
