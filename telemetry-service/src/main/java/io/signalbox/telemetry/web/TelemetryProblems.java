package io.signalbox.telemetry.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problems of telemetry-service's APIs, with the stable types the other services use: 400
 * {@code invalid-parameter} (naming the query parameter), 400 {@code validation-failed} ({@code errors} naming each
 * broken rule of a body), 400 {@code malformed-request}, 404 {@code not-found}. Everything else (405, 406, 415, ...)
 * is left to Boot's problem details handler.
 */
@RestControllerAdvice(basePackages = "io.signalbox.telemetry")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TelemetryProblems {

    static final URI INVALID_PARAMETER = type("invalid-parameter");

    static final URI VALIDATION_FAILED = type("validation-failed");

    static final URI MALFORMED_REQUEST = type("malformed-request");

    static final URI NOT_FOUND = type("not-found");

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid parameter", ex.getMessage());
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
        return validationProblem(ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of("field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList());
    }

    /** A value of the wrong type (a word where the score belongs) fails that field; anything else is malformed. */
    @ExceptionHandler
    ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JacksonException.Reference reference : json.getPath()) {
                if (reference.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
                }
                else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            return validationProblem(List.of(Map.of("field", field.toString(), "message",
                    "has the wrong type or format")));
        }
        return problem(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                "The request body is missing or is not valid JSON.");
    }

    private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
        List<Map<String, String>> sorted = errors.stream()
                .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field"))
                        .thenComparing(error -> error.get("message")))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed",
                "The request breaks " + (sorted.size() == 1 ? "a rule" : sorted.size() + " rules") + "; see errors.");
        problem.setProperty("errors", sorted);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, URI type, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    static URI type(String name) {
        return URI.create("https://signalbox.io/problems/" + name);
    }
}
