package io.signalbox.simulator.anthropic;

/** A request the Messages API refuses: the status and the {@code error.type} of Anthropic's error body. */
final class AnthropicException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;

    private final String type;

    AnthropicException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static AnthropicException invalidRequest(String message) {
        return new AnthropicException(400, INVALID_REQUEST, message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
