package io.signalbox.routing.budget;

import io.signalbox.contracts.budget.BudgetStatus;

/** The request's tenant, team or key has reached the hard limit of its budget for the current period. */
public final class BudgetExceededException extends RuntimeException {

    private final transient BudgetStatus status;

    public BudgetExceededException(BudgetStatus status) {
        super("The " + status.scope() + " budget for " + status.period() + " is exhausted: " + status.spent().toPlainString()
                + " " + status.currency() + " spent of a hard limit of "
                + (status.hardLimit() == null ? "?" : status.hardLimit().toPlainString()) + " " + status.currency()
                + ". Requests are refused until " + status.periodEnd() + " or until the budget is raised.");
        this.status = status;
    }

    public BudgetStatus status() {
        return status;
    }
}
