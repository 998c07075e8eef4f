package io.step3vl.inference.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events, one flushed {@code data:} event per call. A backend may report text
 * from several threads (n &gt; 1 in one batch), hence synchronized. Once the client has gone, writes
 * are dropped quietly: generation still finishes, there is nobody to tell.
 */
final class SseWriter {
    private final OutputStream out;
    private boolean broken;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void send(JsonNode event) {
        write("data: " + Json.line(event) + "\n\n");
    }

    synchronized void done() {
        write("data: [DONE]\n\n");
    }

    synchronized boolean clientGone() {
        return broken;
    }

    private void write(String text) {
        if (broken) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }
}
