package io.signalbox.telemetry.web;

import java.net.URI;

import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.kit.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems of telemetry-service's APIs, with the stable types the other services use: 400
 * {@code invalid-parameter} (naming the query parameter), 400 {@code validation-failed} ({@code errors} naming each
 * broken rule of a body), 400 {@code malformed-request}, 404 {@code not-found}. Everything else (405, 406, 415, ...)
 * is left to Boot's problem details handler.
 */
@RestControllerAdvice(basePackages = "io.signalbox.telemetry")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TelemetryProblems {

    static final URI INVALID_PARAMETER = Problems.type("invalid-parameter");

    static final URI NOT_FOUND = Problems.type("not-found");

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid parameter",
                ex.getMessage());
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
        return Problems.validationFailed("request", Problems.violations(ex.getBindingResult()));
    }

    /** A value of the wrong type (a word where the score belongs) fails that field; anything else is malformed. */
    @ExceptionHandler
    ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        return Problems.unreadableBody(ex, "request");
    }
}
