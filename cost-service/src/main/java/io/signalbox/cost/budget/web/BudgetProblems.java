package io.signalbox.cost.budget.web;

import java.net.URI;
import java.util.List;

import io.signalbox.cost.budget.BudgetNotFoundException;
import io.signalbox.cost.budget.BudgetScopeTakenException;
import io.signalbox.cost.budget.InvalidBudgetException;
import io.signalbox.cost.budget.StaleBudgetRevisionException;
import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.kit.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * RFC 9457 problems of the budgets API, with the registry's problem types: 400 {@code validation-failed} with
 * {@code errors} naming each broken rule by its JSON path, 400 {@code malformed-request}, 404 {@code not-found},
 * 403 {@code forbidden} (a team-scoped credential writing), 409 {@code already-exists} (the scope has a budget),
 * 412 {@code stale-revision} and 428
 * {@code if-match-required}. Only for the budget controllers, so other APIs keep their own problems; everything
 * else (405, 406, 415, ...) is left to Boot's problem details handler.
 */
@RestControllerAdvice(basePackageClasses = BudgetController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BudgetProblems {

    static final URI VALIDATION_FAILED = Problems.type("validation-failed");

    /** What the validation problems call the request. */
    private static final String SUBJECT = "budget request";

    static final URI NOT_FOUND = Problems.type("not-found");

    static final URI ALREADY_EXISTS = Problems.type("already-exists");

    static final URI STALE_REVISION = Problems.type("stale-revision");

    static final URI IF_MATCH_REQUIRED = Problems.type("if-match-required");

    static final URI FORBIDDEN = Problems.type("forbidden");

    @ExceptionHandler
    ProblemDetail notFound(BudgetNotFoundException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage());
        problem.setProperty("entity", "budget");
        problem.setProperty("id", ex.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail scopeTaken(BudgetScopeTakenException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ALREADY_EXISTS, "Already exists", ex.getMessage());
        problem.setProperty("entity", "budget");
        problem.setProperty("field", "scopeId");
        problem.setProperty("statusKey", ex.statusKey());
        problem.setProperty("existingBudgetId", ex.existingBudgetId().toString());
        return problem;
    }

    /** The answer carries the current {@code ETag}, so a client can re-read and retry knowingly. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(StaleBudgetRevisionException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, STALE_REVISION, "Stale revision",
                ex.getMessage());
        problem.setProperty("entity", "budget");
        problem.setProperty("id", ex.id().toString());
        problem.setProperty("currentRevision", ex.currentRevision());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(Revisions.etag(ex.currentRevision()))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail ifMatchRequired(Revisions.IfMatchRequiredException ex) {
        return Problems.of(HttpStatus.PRECONDITION_REQUIRED, IF_MATCH_REQUIRED, "If-Match required", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail teamScoped(BudgetController.TeamScopedWriteException ex) {
        return Problems.of(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidBudgetException ex) {
        return validationProblem(ex.violations());
    }

    @ExceptionHandler
    ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
        return validationProblem(Problems.violations(ex.getBindingResult()));
    }

    /**
     * JSON with a value of the wrong type (a word where the amount belongs) is a validation failure of that field;
     * anything else unreadable is a malformed request.
     */
    @ExceptionHandler
    ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        return Problems.unreadableBody(ex, SUBJECT);
    }

    @ExceptionHandler
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException ex) {
        return validationProblem(List.of(new FieldViolation(ex.getName(), Problems.WRONG_TYPE)));
    }

    private static ProblemDetail validationProblem(List<FieldViolation> violations) {
        return Problems.validationFailed(SUBJECT, Problems.sorted(violations));
    }
}
