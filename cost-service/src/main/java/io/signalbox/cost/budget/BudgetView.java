package io.signalbox.cost.budget;

import io.signalbox.contracts.budget.BudgetStatus;

/** A budget with where it stands in its current period: the status routing is (or is about to be) enforcing. */
public record BudgetView(Budget budget, BudgetStatus current) {
}
