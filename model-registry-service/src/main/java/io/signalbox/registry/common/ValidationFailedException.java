package io.signalbox.registry.common;

import java.util.List;

import io.signalbox.kit.problem.FieldViolation;

/** A request broke one or more rules; all of them are reported at once, not only the first. */
public class ValidationFailedException extends RuntimeException {

    private final List<FieldViolation> violations;

    public ValidationFailedException(List<FieldViolation> violations) {
        super("Invalid request: " + violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("A validation failure needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static ValidationFailedException of(String field, String message) {
        return new ValidationFailedException(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
