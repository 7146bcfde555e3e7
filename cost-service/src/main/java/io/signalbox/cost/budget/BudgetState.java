package io.signalbox.cost.budget;

import io.signalbox.contracts.budget.BudgetStatus;

/** Where a budget stands in a period, as routing reads it from {@link BudgetStatus#state()}. */
public enum BudgetState {

    OK(BudgetStatus.OK),
    SOFT(BudgetStatus.SOFT),
    HARD(BudgetStatus.HARD);

    private final String wireName;

    BudgetState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
