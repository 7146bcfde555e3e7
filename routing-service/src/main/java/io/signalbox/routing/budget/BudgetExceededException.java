package io.signalbox.routing.budget;

import io.signalbox.contracts.budget.BudgetStatus;

/**
 * The request's tenant, team, key or one of its tags has reached the hard limit of its budget for the current
 * period.
 */
public final class BudgetExceededException extends RuntimeException {

    private final transient BudgetStatus status;

    public BudgetExceededException(BudgetStatus status) {
        super("The " + scope(status) + " budget for " + status.period() + " is exhausted: "
                + status.spent().toPlainString()
                + " " + status.currency() + " spent of a hard limit of "
                + (status.hardLimit() == null ? "?" : status.hardLimit().toPlainString()) + " " + status.currency()
                + ". Requests are refused until " + status.periodEnd() + " or until the budget is raised.");
        this.status = status;
    }

    /** A tag budget is named by its tag, since "the tag budget" would not say which. */
    private static String scope(BudgetStatus status) {
        return BudgetStatus.TAG.equals(status.scope()) ? "tag " + status.scopeId() : status.scope();
    }

    public BudgetStatus status() {
        return status;
    }
}
