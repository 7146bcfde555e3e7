package io.signalbox.cost.budget;

import java.util.List;

import io.signalbox.kit.problem.FieldViolation;

/** A budget definition breaks a rule that spans fields (answered 400 with the violations). */
public class InvalidBudgetException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidBudgetException(List<FieldViolation> violations) {
        super("The budget breaks " + violations.size() + " rule(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
