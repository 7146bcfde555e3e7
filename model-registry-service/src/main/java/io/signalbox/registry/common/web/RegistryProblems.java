package io.signalbox.registry.common.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.kit.problem.Problems;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.InUseException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.StaleRevisionException;
import io.signalbox.registry.common.ValidationFailedException;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns domain exceptions and Spring MVC's request errors into RFC 9457 problems. Every problem the
 * registry answers has a stable {@code type}; 400s carry {@code errors}, a list of
 * {@code {"field", "message"}} naming each broken rule by its JSON path.
 */
@RestControllerAdvice
class RegistryProblems extends ResponseEntityExceptionHandler {

    static final URI VALIDATION_FAILED = Problems.type("validation-failed");

    static final URI NOT_FOUND = Problems.type("not-found");

    static final URI ALREADY_EXISTS = Problems.type("already-exists");

    static final URI IN_USE = Problems.type("in-use");

    static final URI STALE_REVISION = Problems.type("stale-revision");

    static final URI IF_MATCH_REQUIRED = Problems.type("if-match-required");

    /** PostgreSQL's SQLSTATE for a unique constraint violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** The unique constraints of the schema, by name: the entity and the API field they guard. */
    private static final Map<String, Guarded> UNIQUE_CONSTRAINTS = Map.of(
            "providers_name_key", new Guarded("provider", "name"),
            "models_name_key", new Guarded("model", "name"),
            "prices_model_effective_from_key", new Guarded("price", "effectiveFrom"),
            "pools_name_key", new Guarded("pool", "name"),
            "endpoints_pool_base_url_key", new Guarded("endpoint", "baseUrl"),
            "routes_alias_key", new Guarded("route", "alias"),
            "tenants_name_key", new Guarded("tenant", "name"),
            "teams_tenant_name_key", new Guarded("team", "name"),
            "tenant_price_adjustments_scope_start_key", new Guarded("price-adjustment", "effectiveFrom"),
            "virtual_keys_key_hash_key", new Guarded("key", "key"));

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage());
        problem.setProperty("entity", ex.entity());
        problem.setProperty("id", ex.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail alreadyExists(AlreadyExistsException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ALREADY_EXISTS, "Already exists", ex.getMessage());
        problem.setProperty("entity", ex.entity());
        problem.setProperty("field", ex.field());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail inUse(InUseException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, IN_USE, "In use", ex.getMessage());
        problem.setProperty("entity", ex.entity());
        problem.setProperty("id", ex.id());
        problem.setProperty("usedBy", ex.usedBy());
        return problem;
    }

    /** The answer carries the current {@code ETag}, so a client can re-read and retry knowingly. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> staleRevision(StaleRevisionException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, STALE_REVISION, "Stale revision",
                ex.getMessage());
        problem.setProperty("entity", ex.entity());
        problem.setProperty("id", ex.id());
        problem.setProperty("currentRevision", ex.currentRevision());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(Revisions.etag(ex.currentRevision()))
                .body(problem);
    }

    /** Two writes passed the {@code If-Match} check at the same time; JPA's version check stopped the second. */
    @ExceptionHandler
    ProblemDetail concurrentWrite(ObjectOptimisticLockingFailureException ex) {
        return Problems.of(HttpStatus.PRECONDITION_FAILED, STALE_REVISION, "Stale revision",
                "Someone else changed the entity at the same time; read it again and repeat the change.");
    }

    @ExceptionHandler
    ProblemDetail ifMatchRequired(IfMatchRequiredException ex) {
        return Problems.of(HttpStatus.PRECONDITION_REQUIRED, IF_MATCH_REQUIRED, "If-Match required", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail validationFailed(ValidationFailedException ex) {
        return validationProblem(ex.violations());
    }

    /**
     * A unique constraint the service checks up front can still be hit by two concurrent creates;
     * the loser gets the same 409 it would have got a moment later. Other integrity violations are
     * bugs and are left to the default 500 handling.
     */
    @ExceptionHandler
    ProblemDetail integrityViolation(DataIntegrityViolationException ex) {
        String constraint = uniqueConstraint(ex);
        if (constraint == null) {
            throw ex;
        }
        Guarded guarded = UNIQUE_CONSTRAINTS.getOrDefault(constraint, new Guarded("entity", "value"));
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ALREADY_EXISTS, "Already exists",
                "Another " + guarded.entity() + " with the same " + guarded.field() + " was created at the same time.");
        problem.setProperty("entity", guarded.entity());
        problem.setProperty("field", guarded.field());
        return problem;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, validationProblem(Problems.violations(ex.getBindingResult())), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A body that is JSON but has a value of the wrong type (a word where a number or an id belongs)
     * is a validation failure of that field; anything else unreadable is a malformed request.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, Problems.unreadableBody(ex, "request"), headers, HttpStatus.BAD_REQUEST,
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        ProblemDetail problem = validationProblem(List.of(new FieldViolation(field, Problems.WRONG_TYPE)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The name of the unique constraint that was violated, or null when it was another violation. */
    private static @Nullable String uniqueConstraint(Throwable ex) {
        String constraint = null;
        boolean unique = false;
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                constraint = violation.getConstraintName();
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                unique = true;
            }
        }
        return unique ? (constraint == null ? "" : constraint) : null;
    }

    /** What a unique constraint guards: the entity and the API field whose value is taken. */
    private record Guarded(String entity, String field) {
    }

    private static ProblemDetail validationProblem(List<FieldViolation> violations) {
        return Problems.validationFailed("request", violations);
    }
}
