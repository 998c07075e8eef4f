package io.step3vl.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private Progress progress(Progress.Mode mode, long total) {
        return new Progress("train", total, "steps", mode, out, clock::get, 10_000_000_000L, 60_000_000_000L);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesAreRateLimitedAndShowRateAndEta() {
        try (Progress p = progress(Progress.Mode.LINES, 100)) {
            for (int i = 0; i < 50; i++) {
                clock.addAndGet(1_000_000_000L); // 1 step per second
                p.advance(1, "loss 1.0");
            }
        }
        String[] lines = text().split("\n");
        // one line per 10 s of progress (50 s) and the closing one
        assertThat(lines.length).isBetween(5, 6);
        assertThat(lines[0]).startsWith("train 10/100 steps").contains("1.00/s").contains("ETA 1m30s").contains("loss 1.0");
        assertThat(lines[lines.length - 1]).contains("50/100");
        assertThat(text()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void theLastLineIsNotRepeatedWhenTheJobEndsAtItsTotal() {
        try (Progress p = progress(Progress.Mode.LINES, 3)) {
            for (int i = 0; i < 3; i++) {
                clock.addAndGet(1_000_000_000L);
                p.advance(1, "");
            }
        }
        assertThat(text().split("\n")).hasSize(1);
        assertThat(text()).contains("3/3 steps 100%");
    }

    @Test
    void aResumedJobCountsOnlyNewWorkInItsRate() {
        Progress p = progress(Progress.Mode.LINES, 100);
        p.resumeAt(60);
        clock.addAndGet(10_000_000_000L);
        p.advance(10, "");
        assertThat(p.rate()).isEqualTo(1.0);
        assertThat(p.render(clock.get())).contains("70/100").contains("ETA 30s");
    }

    @Test
    void aBarRedrawsInPlaceOnATerminal() {
        try (Progress p = progress(Progress.Mode.BAR, 4)) {
            clock.addAndGet(1_000_000_000L);
            p.advance(2, "");
        }
        assertThat(text()).contains("\r").contains("[############------------]");
    }

    @Test
    void quietPrintsNothingAndAStallIsReportedOnce() {
        try (Progress p = progress(Progress.Mode.QUIET, 10)) {
            p.advance(1, "");
        }
        assertThat(text()).isEmpty();
        Progress p = progress(Progress.Mode.LINES, 10);
        clock.addAndGet(61_000_000_000L);
        p.heartbeat();
        p.heartbeat();
        assertThat(text()).containsOnlyOnce("warning: no progress for 1m01s");
    }
}
