package io.step3vl.inference.openai;

import java.util.function.Consumer;

/**
 * Server-sent events from lines: {@code data:} lines are joined until a blank line ends the event;
 * comments ({@code :}) and other fields are ignored. Feed it the body line by line (terminators
 * removed); {@link #end()} delivers an event left open when the stream stops without a blank line.
 */
public final class SseParser {
    private final Consumer<String> onData;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    public void end() {
        dispatch();
    }

    private void dispatch() {
        if (hasData) {
            String payload = data.toString();
            data.setLength(0);
            hasData = false;
            onData.accept(payload);
        }
    }
}
