package io.signalbox.routing.budget;

import java.math.BigDecimal;
import java.time.Instant;

import io.signalbox.contracts.budget.BudgetStatus;

/** Budget statuses for tests: November 2026, 95.50 USD spent, soft limit 80, hard limit 100. */
public final class Budgets {

    public static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");

    public static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:00Z");

    private Budgets() {
    }

    public static BudgetStatus status(String scope, String scopeId, String state, Instant observedAt) {
        return new BudgetStatus("budget-" + scopeId, scope, scopeId, "2026-11", NOVEMBER, DECEMBER, "USD",
                new BigDecimal("95.50"), new BigDecimal("80"), new BigDecimal("100"), state, observedAt);
    }
}
