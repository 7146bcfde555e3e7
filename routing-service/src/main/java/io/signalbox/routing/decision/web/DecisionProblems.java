package io.signalbox.routing.decision.web;

import java.net.URI;

import io.signalbox.kit.problem.Problems;
import io.signalbox.routing.budget.BudgetExceededException;
import io.signalbox.routing.catalog.CatalogUnavailableException;
import io.signalbox.routing.decision.ConstraintsUnsatisfiedException;
import io.signalbox.routing.decision.ModelNotAllowedException;
import io.signalbox.routing.decision.NoAvailableTargetException;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.decision.UnknownModelException;
import io.signalbox.routing.decision.UnsupportedPolicyException;
import io.signalbox.routing.decision.web.DecisionRequestRules.InvalidDecisionRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Maps the engine's exceptions to RFC 9457 problems with stable types, so the gateway can tell
 * "this name does not exist" (404, do not retry) from "try again shortly" (503). Extends Spring's
 * handler so that framework errors (bad JSON, wrong media type) are problems too.
 */
@RestControllerAdvice
class DecisionProblems extends ResponseEntityExceptionHandler {

    static final URI CATALOG_UNAVAILABLE = Problems.type("catalog-unavailable");

    static final URI UNKNOWN_MODEL = Problems.type("unknown-model");

    static final URI NO_AVAILABLE_TARGET = Problems.type("no-available-target");

    static final URI NO_ACTIVE_ENDPOINT = Problems.type("no-active-endpoint");

    static final URI UNSUPPORTED_POLICY = Problems.type("unsupported-policy");

    static final URI INVALID_REQUEST = Problems.type("invalid-request");

    static final URI CONSTRAINTS_UNSATISFIED = Problems.type("constraints-unsatisfied");

    static final URI SHED = Problems.type("shed");

    static final URI BUDGET_EXCEEDED = Problems.type("budget-exceeded");

    static final URI MODEL_NOT_ALLOWED = Problems.type("model-not-allowed");

    /** How long a caller should wait before asking again while the catalog is loading, in seconds. */
    private static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler
    ProblemDetail modelNotAllowed(ModelNotAllowedException ex) {
        return Problems.of(HttpStatus.FORBIDDEN, MODEL_NOT_ALLOWED, "Model not allowed", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail budgetExceeded(BudgetExceededException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, BUDGET_EXCEEDED, "Budget exhausted",
                ex.getMessage());
        problem.setProperty("scope", ex.status().scope());
        problem.setProperty("period", ex.status().period());
        problem.setProperty("periodEnd", ex.status().periodEnd().toString());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> catalogUnavailable(CatalogUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, CATALOG_UNAVAILABLE, "Catalog unavailable",
                        ex.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail unknownModel(UnknownModelException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, UNKNOWN_MODEL, "Unknown model", ex.getMessage());
        problem.setProperty("model", ex.model());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail noAvailableTarget(NoAvailableTargetException ex) {
        ProblemDetail problem = ex.temporary()
                ? Problems.of(HttpStatus.SERVICE_UNAVAILABLE, NO_ACTIVE_ENDPOINT, "No active endpoint",
                        ex.getMessage())
                : Problems.of(HttpStatus.NOT_FOUND, NO_AVAILABLE_TARGET, "No available target", ex.getMessage());
        problem.setProperty("model", ex.model());
        return problem;
    }

    /** The request asks for something no candidate offers (a capability, a larger context, a region). */
    @ExceptionHandler
    ProblemDetail constraintsUnsatisfied(ConstraintsUnsatisfiedException ex) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, CONSTRAINTS_UNSATISFIED,
                "No target satisfies the request", ex.getMessage());
    }

    /** A sheddable request while every endpoint that could serve it is saturated. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> shed(EndpointPicker.Shed ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, SHED, "Shed under load", ex.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail unsupportedPolicy(UnsupportedPolicyException ex) {
        return Problems.of(HttpStatus.NOT_IMPLEMENTED, UNSUPPORTED_POLICY, "Unsupported policy", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidDecisionRequestException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid decision request",
                ex.getMessage());
        problem.setProperty("errors", ex.violations());
        return problem;
    }

    /** Spring's default says only "Failed to read request"; the caller needs to know what was wrong. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid decision request",
                "The request body is not a valid decision request: " + reason(ex));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static String reason(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                String field = Problems.jsonPath(jackson.getPath());
                return jackson.getOriginalMessage() + (field.isEmpty() ? "" : " (field '" + field + "')");
            }
        }
        return "the body is missing or is not JSON";
    }
}
