package io.signalbox.simulator.openai;

import org.jspecify.annotations.Nullable;

/** A request the API refuses, carrying everything OpenAI's error body and status need. */
final class OpenAiException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;

    private final String type;

    private final @Nullable String param;

    private final @Nullable String code;

    OpenAiException(int status, String type, String message, @Nullable String param, @Nullable String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static OpenAiException invalidRequest(String message, @Nullable String param, @Nullable String code) {
        return new OpenAiException(400, INVALID_REQUEST, message, param, code);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    @Nullable String param() {
        return param;
    }

    @Nullable String code() {
        return code;
    }
}
