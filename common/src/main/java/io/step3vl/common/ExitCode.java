package io.step3vl.common;

/** The one exit-code table of the tool. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something failed while running (I/O, numerics, a remote server). */
    public static final int FAILURE = 1;
    /** Bad usage or bad input: an unknown flag, a malformed file, a missing field. */
    public static final int USAGE = 2;
    /** Stopped by SIGINT after saving state (128 + 2). */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM after saving state (128 + 15). */
    public static final int TERMINATED = 143;

    private ExitCode() {}
}
