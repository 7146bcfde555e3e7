package io.signalbox.kit.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;

/**
 * The RFC 9457 problem shapes every Signalbox admin API answers with: a type under
 * {@value #TYPE_PREFIX}, a title, a detail, and for broken rules an {@code errors} list of
 * {@code {field, message}} with JSON paths, so clients read one shape from every service.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "https://signalbox.io/problems/";

    public static final URI VALIDATION_FAILED = type("validation-failed");

    public static final URI MALFORMED_REQUEST = type("malformed-request");

    /** What a value of the wrong type (a word where a number belongs) is told. */
    public static final String WRONG_TYPE = "has the wrong type or format";

    private Problems() {
    }

    /** The problem type named by {@code slug}, e.g. {@code validation-failed}. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail of(HttpStatus status, URI type, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /**
     * A 400 {@code validation-failed} problem listing every broken rule, in the order given.
     *
     * @param subject what broke them, e.g. {@code request} or {@code budget request}
     */
    public static ProblemDetail validationFailed(String subject, List<FieldViolation> violations) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed",
                "The " + subject + " breaks " + (violations.size() == 1 ? "a rule" : violations.size() + " rules")
                        + "; see errors.");
        problem.setProperty("errors", violations.stream()
                .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
                .toList());
        return problem;
    }

    /** Field, then message order: the same request always gets the same answer. */
    public static List<FieldViolation> sorted(List<FieldViolation> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
    }

    /** The rules a bound request body broke, named by field (or object, for class-level rules), sorted. */
    public static List<FieldViolation> violations(BindingResult result) {
        return sorted(result.getAllErrors().stream()
                .map(error -> new FieldViolation(error instanceof FieldError field ? field.getField()
                        : error.getObjectName(), String.valueOf(error.getDefaultMessage())))
                .toList());
    }

    /**
     * An unreadable request body: JSON with a value of the wrong type at a known place is a 400
     * {@code validation-failed} naming that field; anything else (no body, not JSON) a 400 {@code malformed-request}.
     */
    public static ProblemDetail unreadableBody(HttpMessageNotReadableException ex, String subject) {
        if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            return validationFailed(subject, List.of(new FieldViolation(jsonPath(json.getPath()), WRONG_TYPE)));
        }
        return of(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request",
                "The request body is missing or is not valid JSON.");
    }

    /** The JSON path of a Jackson failure's location, e.g. {@code policy.targets[1].weight}. */
    public static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
