package io.step3vl.inference.server;

/** A request to turn down with an OpenAI-shaped error: status, message, and the error's type/param/code. */
final class HttpFailure extends RuntimeException {
    final int status;
    final String type;
    final String param;
    final String code;

    HttpFailure(int status, String message, String type, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static HttpFailure badRequest(String message, String param) {
        return new HttpFailure(400, message, "invalid_request_error", param, null);
    }
}
