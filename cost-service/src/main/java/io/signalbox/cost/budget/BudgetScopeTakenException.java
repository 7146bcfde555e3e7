package io.signalbox.cost.budget;

import java.util.UUID;

/**
 * Another budget already covers the scope (answered 409). Routing holds one status per scope (the topic is keyed
 * {@code <scope>:<scopeId>}), so two budgets of one scope would overwrite each other's status.
 */
public class BudgetScopeTakenException extends RuntimeException {

    private final String statusKey;

    private final UUID existingBudgetId;

    public BudgetScopeTakenException(String statusKey, UUID existingBudgetId) {
        super("Budget " + existingBudgetId + " already covers " + statusKey
                + "; there is one budget per scope. Change or delete that budget instead.");
        this.statusKey = statusKey;
        this.existingBudgetId = existingBudgetId;
    }

    public String statusKey() {
        return statusKey;
    }

    public UUID existingBudgetId() {
        return existingBudgetId;
    }
}
