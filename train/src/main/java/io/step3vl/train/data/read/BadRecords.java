package io.step3vl.train.data.read;

import io.step3vl.common.UserError;
import io.step3vl.train.data.Origin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run's budget of bad records (unreadable image, malformed JSON, missing field…), shared by
 * every reader of a run. Each one is counted and logged with its file and line or tar sample;
 * one more than {@code maxBad} aborts the run with a {@link UserError} naming the last. Never silent.
 */
public final class BadRecords {
    private static final int KEEP = 20;

    private final long maxBad;
    private final Consumer<String> log;
    private final Deque<String> recent = new ArrayDeque<>();
    private long count;

    /**
     * @param maxBad how many bad records to skip before aborting (0: the first one aborts)
     * @param log    where each skipped record's one-line report goes (e.g. the stage's warn)
     */
    public BadRecords(long maxBad, Consumer<String> log) {
        if (maxBad < 0) {
            throw new UserError("max-bad: expected 0 or more, got " + maxBad);
        }
        this.maxBad = maxBad;
        this.log = log;
    }

    /** A budget that logs to stderr. */
    public static BadRecords toStderr(long maxBad) {
        return new BadRecords(maxBad, System.err::println);
    }

    /** Counts and logs one bad record, or throws when the budget is spent. */
    public synchronized void report(Origin where, String reason) {
        count++;
        String line = where + ": " + reason;
        if (count > maxBad) {
            throw new UserError(line + " (bad record " + count + ", more than --max-bad " + maxBad + ")");
        }
        recent.addLast(line);
        if (recent.size() > KEEP) {
            recent.removeFirst();
        }
        log.accept("skipping bad record " + count + " of at most " + maxBad + ": " + line);
    }

    /** Adds records counted before a resume (they were logged then). */
    synchronized void restore(long counted) {
        count += counted;
    }

    public synchronized long count() {
        return count;
    }

    public long maxBad() {
        return maxBad;
    }

    /** The last few reports, oldest first. */
    public synchronized List<String> recent() {
        return new ArrayList<>(recent);
    }
}
