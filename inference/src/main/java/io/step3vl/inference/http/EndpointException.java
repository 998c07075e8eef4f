package io.step3vl.inference.http;

/**
 * An endpoint that kept failing after the retry budget (5xx, timeouts, connection errors), stayed
 * rate-limited too long, or broke a stream after text was already shown (not retried, since the
 * text cannot be taken back). Not the user's fault: the CLI exits 1.
 */
public class EndpointException extends RuntimeException {
    public EndpointException(String message) {
        super(message);
    }

    public EndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
