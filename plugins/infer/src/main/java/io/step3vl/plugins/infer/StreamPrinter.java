package io.step3vl.plugins.infer;

import java.io.PrintWriter;

/**
 * Prints an answer as it streams: reasoning only when asked for, dimmed on a terminal (plain text
 * elsewhere, so pipes and files get no escape codes), then a blank line, then the answer. Leading
 * blank lines of the answer (the model's "\n\n" after {@code </think>}) are dropped.
 */
final class StreamPrinter {
    private static final String DIM = "\u001b[2m";
    private static final String NORMAL = "\u001b[22m";

    private final PrintWriter out;
    private final boolean showReasoning;
    private final boolean ansi;
    private boolean inReasoning;
    private boolean printedAnything;
    private boolean contentStarted;
    private char last = '\n';

    StreamPrinter(PrintWriter out, boolean showReasoning, boolean ansi) {
        this.out = out;
        this.showReasoning = showReasoning;
        this.ansi = ansi;
    }

    synchronized void text(String delta, boolean reasoning) {
        if (reasoning) {
            if (!showReasoning || delta.isEmpty()) {
                return;
            }
            if (!inReasoning) {
                if (ansi) {
                    out.print(DIM);
                }
                inReasoning = true;
            }
            print(delta);
            return;
        }
        String text = contentStarted ? delta : delta.stripLeading();
        if (text.isEmpty()) {
            return;
        }
        if (inReasoning) {
            if (ansi) {
                out.print(NORMAL);
            }
            inReasoning = false;
            print(last == '\n' ? "\n" : "\n\n");
        }
        contentStarted = true;
        print(text);
    }

    /** Ends the answer: normal intensity again and a final newline. */
    synchronized void finish() {
        if (inReasoning && ansi) {
            out.print(NORMAL);
        }
        inReasoning = false;
        if (printedAnything && last != '\n') {
            out.println();
        }
        out.flush();
    }

    /** Whether any answer text (not reasoning) was printed. */
    synchronized boolean printedContent() {
        return contentStarted;
    }

    private void print(String s) {
        out.print(s);
        out.flush();
        printedAnything = true;
        last = s.charAt(s.length() - 1);
    }
}
