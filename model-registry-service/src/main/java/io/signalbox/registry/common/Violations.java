package io.signalbox.registry.common;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.kit.problem.FieldViolation;

/** Collects the violations of a rule check so that a caller sees every broken rule in one answer. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** @throws ValidationFailedException when any violation was added */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationFailedException(found);
        }
    }
}
