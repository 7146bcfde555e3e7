package io.signalbox.cost.budget.web;

import java.time.Instant;
import java.util.List;

import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.cost.budget.Budget;
import io.signalbox.cost.budget.BudgetDefinition;
import io.signalbox.cost.budget.BudgetView;
import org.jspecify.annotations.Nullable;

/** A budget as the API shows it; money is an exact decimal string with six places, as in the reports. */
record BudgetResponse(
        String id,
        String name,
        String scope,
        String scopeId,
        String period,
        String timeZone,
        String currency,
        String amount,
        int softLimitPercent,
        boolean enforceHardLimit,
        List<Integer> alertThresholds,
        @Nullable String webhookUrl,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        Current current) {

    static BudgetResponse of(BudgetView view) {
        Budget budget = view.budget();
        BudgetDefinition d = budget.definition();
        return new BudgetResponse(budget.id().toString(), d.name(), d.scope().wireName(), d.scopeId(),
                d.period().wireName(), d.timeZone().getId(), d.currency(), d.amount().toPlainString(),
                d.softLimitPercent(), d.enforceHardLimit(), d.alertThresholds(),
                d.webhookUrl() == null ? null : d.webhookUrl().toString(), budget.revision(), budget.createdAt(),
                budget.updatedAt(), Current.of(view.current()));
    }

    /**
     * Where the budget stands in the period running now: what routing enforces.
     *
     * @param statusKey the key of the budget's status on {@code signalbox.budget-status.v1}
     * @param hardLimit null when the hard limit is not enforced
     */
    record Current(String period, Instant periodStart, Instant periodEnd, String spent, @Nullable String softLimit,
            @Nullable String hardLimit, String state, String statusKey) {

        static Current of(BudgetStatus status) {
            return new Current(status.period(), status.periodStart(), status.periodEnd(),
                    status.spent().toPlainString(),
                    status.softLimit() == null ? null : status.softLimit().toPlainString(),
                    status.hardLimit() == null ? null : status.hardLimit().toPlainString(), status.state(),
                    status.key());
        }
    }
}
