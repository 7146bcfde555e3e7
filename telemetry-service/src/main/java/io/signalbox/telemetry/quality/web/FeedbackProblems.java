package io.signalbox.telemetry.quality.web;

import java.net.URI;

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

    static final URI CONFLICT = URI.create("https://signalbox.io/problems/feedback-conflict");

    static final URI UNKNOWN_REQUEST = URI.create("https://signalbox.io/problems/unknown-request");

    static final URI UNAVAILABLE = URI.create("https://signalbox.io/problems/feedback-unavailable");

    @ExceptionHandler
    ProblemDetail conflict(FeedbackConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(CONFLICT);
        problem.setTitle("Feedback already recorded");
        problem.setProperty("recorded", ex.recorded());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownRequest(UnknownRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(UNKNOWN_REQUEST);
        problem.setTitle("Unknown request");
        problem.setProperty("requestId", ex.requestId());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(FeedbackUnavailableException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setType(UNAVAILABLE);
        problem.setTitle("Feedback unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
