package io.signalbox.cost.budget;

import org.jspecify.annotations.Nullable;

/** Which budgets a list shows; null fields do not filter. */
public record BudgetFilter(@Nullable BudgetScope scope, @Nullable String scopeId, @Nullable BudgetPeriod period,
        @Nullable String currency, @Nullable BudgetState state) {

    boolean admits(BudgetDefinition definition) {
        return (scope == null || scope == definition.scope())
                && (scopeId == null || scopeId.equals(definition.scopeId()))
                && (period == null || period == definition.period())
                && (currency == null || currency.equals(definition.currency()));
    }
}
