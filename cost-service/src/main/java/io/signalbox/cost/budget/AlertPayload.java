package io.signalbox.cost.budget;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The JSON an alert webhook receives. Money is a decimal string, as in the API. Receivers de-duplicate on
 * {@code alertId}: delivery is at least once.
 *
 * @param type {@code budget.threshold}, {@code budget.hard-limit} or {@code budget.anomaly}
 */
record AlertPayload(
        String type,
        String alertId,
        String budgetId,
        String budgetName,
        String scope,
        String scopeId,
        String period,
        Instant periodStart,
        Instant periodEnd,
        String currency,
        String amount,
        @Nullable Integer thresholdPercent,
        String thresholdAmount,
        String spent,
        @Nullable String baselineMean,
        @Nullable String baselineStddev,
        Instant raisedAt) {

    static AlertPayload of(BudgetAlert alert, Budget budget) {
        BudgetDefinition definition = budget.definition();
        return new AlertPayload("budget." + alert.kind().wireName(), alert.id().toString(), budget.id().toString(),
                definition.name(), definition.scope().wireName(), definition.scopeId(), alert.period(),
                alert.periodStart(), alert.periodEnd(), alert.currency(), definition.amount().toPlainString(),
                alert.thresholdPercent(), alert.thresholdAmount().toPlainString(), alert.spent().toPlainString(),
                alert.baselineMean() == null ? null : alert.baselineMean().toPlainString(),
                alert.baselineStddev() == null ? null : alert.baselineStddev().toPlainString(), alert.raisedAt());
    }
}
