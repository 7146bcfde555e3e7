/**
 * Budgets per tenant, team, virtual key or tag: their definitions, the spend counters that ingest keeps in the
 * same transaction as each line item, the {@code BudgetStatus} that routing-service enforces (published to the
 * compacted {@code signalbox.budget-status.v1}), threshold alerts delivered by webhook, and spend anomaly checks.
 */
@NullMarked
package io.signalbox.cost.budget;

import org.jspecify.annotations.NullMarked;
