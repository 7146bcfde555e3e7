package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Raises alerts. Each threshold (and the hard limit) alerts once per period: the unique index on
 * {@code budget_alerts} makes that hold across consumers and replicas, so callers may offer the same alert as
 * often as they like.
 */
@Component
class BudgetAlerts {

    private final AlertStore store;

    private final @Nullable URI defaultWebhookUrl;

    BudgetAlerts(AlertStore store, BudgetProperties properties) {
        this.store = store;
        this.defaultWebhookUrl = properties.alerts().defaultWebhookUrl();
    }

    /**
     * Raises the alerts whose threshold the spend has reached, from {@code before} (exclusive) to {@code spent}
     * (inclusive); with {@code before} unknown (null), every threshold reached so far.
     *
     * @return how many alerts this call recorded
     */
    int raiseReached(Budget budget, PeriodWindow period, @Nullable BigDecimal before, BigDecimal spent, Instant at) {
        BudgetDefinition definition = budget.definition();
        int raised = 0;
        for (int percent : definition.alertThresholds()) {
            BigDecimal threshold = definition.share(percent);
            if (reached(threshold, before, spent) && store.insertOnce(new AlertStore.NewAlert(budget.id(),
                    AlertKind.THRESHOLD, period, percent, threshold, spent, definition.currency(), null, null, at,
                    webhookUrl(definition)))) {
                raised++;
            }
        }
        BigDecimal hardLimit = definition.hardLimit();
        if (hardLimit != null && reached(hardLimit, before, spent) && store.insertOnce(new AlertStore.NewAlert(
                budget.id(), AlertKind.HARD_LIMIT, period, null, hardLimit, spent, definition.currency(), null, null,
                at, webhookUrl(definition)))) {
            raised++;
        }
        return raised;
    }

    /** Raises the day's anomaly alert of the budget's scope, unless that day already has one. */
    boolean raiseAnomaly(Budget budget, PeriodWindow day, BigDecimal spent, SpendAnomalyRule.Finding finding,
            Instant at) {
        BudgetDefinition definition = budget.definition();
        return store.insertOnce(new AlertStore.NewAlert(budget.id(), AlertKind.ANOMALY, day, null, finding.bound(),
                spent, definition.currency(), finding.mean(), finding.stddev(), at, webhookUrl(definition)));
    }

    private @Nullable URI webhookUrl(BudgetDefinition definition) {
        return definition.webhookUrl() != null ? definition.webhookUrl() : defaultWebhookUrl;
    }

    private static boolean reached(BigDecimal threshold, @Nullable BigDecimal before, BigDecimal spent) {
        return spent.compareTo(threshold) >= 0 && (before == null || before.compareTo(threshold) < 0);
    }
}
