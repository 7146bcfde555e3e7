package io.signalbox.telemetry.quality.web;

import java.net.URI;

import io.signalbox.kit.problem.Problems;
import io.signalbox.telemetry.quality.FeedbackConflictException;
import io.signalbox.telemetry.quality.FeedbackUnavailableException;
import io.signalbox.telemetry.quality.UnknownRequestException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems only the feedback API has: 409 {@code feedback-conflict} (the request already has another score; the
 * recorded one is in {@code recorded}), 404 {@code unknown-request}, 503 {@code feedback-unavailable} (with
 * {@code Retry-After}).
 */
@RestControllerAdvice(basePackageClasses = FeedbackController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FeedbackProblems {

    static final URI CONFLICT = Problems.type("feedback-conflict");

    static final URI UNKNOWN_REQUEST = Problems.type("unknown-request");

    static final URI UNAVAILABLE = Problems.type("feedback-unavailable");

    @ExceptionHandler
    ProblemDetail conflict(FeedbackConflictException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, CONFLICT, "Feedback already recorded",
                ex.getMessage());
        problem.setProperty("recorded", ex.recorded());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownRequest(UnknownRequestException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, UNKNOWN_REQUEST, "Unknown request",
                ex.getMessage());
        problem.setProperty("requestId", ex.requestId());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(FeedbackUnavailableException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Feedback unavailable",
                ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
