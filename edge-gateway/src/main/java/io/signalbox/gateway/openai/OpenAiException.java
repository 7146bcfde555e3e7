package io.signalbox.gateway.openai;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request that ends in an error the client sees in OpenAI's error shape. Carries exactly the fields
 * of that shape so each failure decides its own status, type, code and parameter once.
 */
public class OpenAiException extends RuntimeException {

    private final HttpStatus status;

    private final String type;

    private final @Nullable String code;

    private final @Nullable String param;

    private final boolean retryable;

    public OpenAiException(HttpStatus status, String type, @Nullable String code, @Nullable String param,
            String message) {
        this(status, type, code, param, message, true);
    }

    /**
     * @param retryable false tells OpenAI's SDKs not to retry ({@code x-should-retry: false}), for errors that a
     *     retry cannot fix although their status (429, 5xx) would make the SDK try again
     */
    public OpenAiException(HttpStatus status, String type, @Nullable String code, @Nullable String param,
            String message, boolean retryable) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryable = retryable;
    }

    public static OpenAiException invalidRequest(@Nullable String code, @Nullable String param, String message) {
        return new OpenAiException(HttpStatus.BAD_REQUEST, "invalid_request_error", code, param, message);
    }

    public static OpenAiException invalidApiKey(String message) {
        return new OpenAiException(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key", null, message);
    }

    public static OpenAiException modelNotFound(String model) {
        return new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist or you do not have access to it. "
                        + "GET /v1/models lists the models and routes you can use.");
    }

    public static OpenAiException serviceUnavailable(String code, String message) {
        return new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", code, null, message);
    }

    /** 504 {@code upstream_timeout}: the upstream did not answer, or stopped answering, in the time allowed. */
    public static OpenAiException upstreamTimeout(String message) {
        return new OpenAiException(HttpStatus.GATEWAY_TIMEOUT, "server_error", "upstream_timeout", null, message);
    }

    /** 502 {@code upstream_error}: the connection to the upstream broke after the request was sent. */
    public static OpenAiException upstreamError(String message) {
        return new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_error", null, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public @Nullable String code() {
        return code;
    }

    public @Nullable String param() {
        return param;
    }

    public boolean retryable() {
        return retryable;
    }
}
