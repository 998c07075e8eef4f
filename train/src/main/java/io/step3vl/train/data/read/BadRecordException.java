package io.step3vl.train.data.read;

/** A record that cannot become a sample; the message says why, naming the field. */
public final class BadRecordException extends Exception {
    public BadRecordException(String message) {
        super(message, null, false, false);
    }
}
