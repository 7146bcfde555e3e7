package io.signalbox.gateway.openai;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes errors as OpenAI does: {@code {"error": {"message", "type", "param", "code"}}}. */
public final class OpenAiErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** OpenAI's SDKs read this response header to decide whether to retry. */
    public static final String SHOULD_RETRY = "x-should-retry";

    private OpenAiErrors() {
    }

    /** The error response for any failure; unexpected ones become a 500 without internals. */
    public static Mono<ServerResponse> toResponse(Throwable failure) {
        return toResponse(failure, headers -> { });
    }

    /** The same, with headers of the caller's (request id, decision id, Retry-After). */
    public static Mono<ServerResponse> toResponse(Throwable failure, Consumer<HttpHeaders> headers) {
        OpenAiException error = asOpenAiException(failure);
        return toResponse(error, body(error), headers);
    }

    /** The error with a body of the caller's: the same error in another API's shape. */
    public static Mono<ServerResponse> toResponse(OpenAiException error, Object body, Consumer<HttpHeaders> headers) {
        return ServerResponse.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers)
                .headers(h -> {
                    if (!error.retryable()) {
                        h.set(SHOULD_RETRY, "false");
                    }
                })
                .bodyValue(body);
    }

    public static OpenAiException asOpenAiException(Throwable failure) {
        if (failure instanceof OpenAiException known) {
            return known;
        }
        if (failure instanceof DataBufferLimitException) {
            return new OpenAiException(HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request_error", "request_too_large",
                    null, "The request body is larger than this gateway accepts.");
        }
        return new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "internal_error", null,
                "The gateway failed to process the request. It has been logged; retry later.");
    }

    public static String body(OpenAiException error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("message", error.getMessage());
        inner.put("type", error.type());
        inner.put("param", error.param());
        inner.put("code", error.code());
        return JSON.writeValueAsString(Map.of("error", inner));
    }

    /** The same error as one server-sent event, for failures after a stream has started. */
    public static byte[] asStreamEvent(OpenAiException error) {
        return ("data: " + body(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
