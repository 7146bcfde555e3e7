package io.signalbox.kit.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;

/**
 * The RFC 9457 problem shapes every Signalbox admin API answers with: a type under
 * {@value #TYPE_PREFIX}, a title, a detail, and for broken rules an {@code errors} list of
 * {@code {field, message}} with JSON paths, so clients read one shape from every service.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "https://signalbox.io/problems/";

    public static final URI VALIDATION_FAILED = type("validation-failed");

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
