package io.step3vl.common;

/**
 * A problem with the user's input (a file, a field, a flag): the CLI prints {@link #getMessage()} as
 * one line on stderr and exits with {@link ExitCode#USAGE}. The message names what was wrong and
 * what was expected, e.g. {@code "config.json: text_config.hidden_size: expected a positive integer, got -1"}.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code where: message}, the shape every input error takes. */
    public static UserError at(Object where, String message) {
        return new UserError(where + ": " + message);
    }
}
