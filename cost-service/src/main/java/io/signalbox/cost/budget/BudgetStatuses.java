package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;

import io.signalbox.contracts.budget.BudgetStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A budget's status in the period running now. The first look at a period creates its counter by a backfill from
 * the line items (a budget created mid-period, or a period that just began) and raises the alerts the backfilled
 * spend has already reached. Publishing every budget also raises any reached alert that is missing, so a budget
 * whose amount or thresholds changed alerts on what it has already spent.
 */
@Component
class BudgetStatuses {

    private final SpendCounters counters;

    private final BudgetAlerts alerts;

    private final TransactionTemplate transactions;

    BudgetStatuses(SpendCounters counters, BudgetAlerts alerts, PlatformTransactionManager transactionManager) {
        this.counters = counters;
        this.alerts = alerts;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    BudgetStatus current(Budget budget, Instant now) {
        return current(budget, now, false);
    }

    /**
     * @param raiseReached raise every alert whose threshold the spend has reached and that is not raised yet, as
     *     after a change of the budget's amount or thresholds (alerts are raised once however often this asks)
     */
    BudgetStatus current(Budget budget, Instant now, boolean raiseReached) {
        PeriodWindow period = budget.periodAt(now);
        BigDecimal spent = transactions.execute(status -> {
            SpendCounters.Counted counted = counters.current(budget.definition(), budget.id(), period);
            if (raiseReached || counted.created()) {
                alerts.raiseReached(budget, period, null, counted.spent(), now);
            }
            return counted.spent();
        });
        return status(budget, period, spent, now);
    }

    static BudgetStatus status(Budget budget, PeriodWindow period, BigDecimal spent, Instant observedAt) {
        BudgetDefinition definition = budget.definition();
        return new BudgetStatus(budget.id().toString(), definition.scope().wireName(), definition.scopeId(),
                period.name(), period.start(), period.end(), definition.currency(), spent, definition.softLimit(),
                definition.hardLimit(), definition.stateAt(spent).wireName(), observedAt);
    }
}
