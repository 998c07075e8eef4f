package io.step3vl.inference.openai;

import io.step3vl.common.UserError;

/** A request body that does not follow the format; {@code param} names the offending field. */
public class InvalidRequestException extends UserError {
    private final String param;

    public InvalidRequestException(String param, String message) {
        super(param == null ? message : param + ": " + message);
        this.param = param;
    }

    /** The JSON path of the bad field, e.g. {@code messages[1].content[0].image_url}; may be null. */
    public String param() {
        return param;
    }
}
