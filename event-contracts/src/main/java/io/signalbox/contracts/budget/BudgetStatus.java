package io.signalbox.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where one budget stands in its current period, published by cost-service to
 * {@link io.signalbox.contracts.Topics#BUDGET_STATUS} (compacted) keyed by {@link #key()}, so the topic holds
 * the latest status of every budget. A tombstone (null value) under a key removes the budget.
 *
 * @param scope what the budget covers: {@code tenant}, {@code team}, {@code key} or {@code tag}
 * @param scopeId the registry id of that tenant, team or virtual key; for a tag budget {@code <tagName>=<value>}
 *     (see {@link #tagScopeId}), matching every request whose key carries that tag
 * @param period the period's name, e.g. {@code 2026-11} for a monthly budget
 * @param periodStart first instant of the period (inclusive)
 * @param periodEnd end of the period (exclusive); a status whose period has ended no longer applies
 * @param spent what the scope has spent in the period, in {@code currency}
 * @param softLimit spending from which requests are stepped down a quality tier; null: none
 * @param hardLimit spending from which requests are refused; null: none
 * @param state {@code ok}, {@code soft} (soft limit reached) or {@code hard} (hard limit reached)
 */
public record BudgetStatus(
        String budgetId,
        String scope,
        String scopeId,
        String period,
        Instant periodStart,
        Instant periodEnd,
        String currency,
        BigDecimal spent,
        @Nullable BigDecimal softLimit,
        @Nullable BigDecimal hardLimit,
        String state,
        Instant observedAt) {

    public static final String OK = "ok";

    public static final String SOFT = "soft";

    public static final String HARD = "hard";

    public static final String TAG = "tag";

    public static final Set<String> SCOPES = Set.of("tenant", "team", "key", TAG);

    public BudgetStatus {
        Objects.requireNonNull(budgetId, "budgetId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        if (!SCOPES.contains(scope)) {
            throw new IllegalArgumentException("scope must be one of " + SCOPES + ", was '" + scope + "'");
        }
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(observedAt, "observedAt");
        if (!OK.equals(state) && !SOFT.equals(state) && !HARD.equals(state)) {
            throw new IllegalArgumentException("state must be ok, soft or hard, was '" + state + "'");
        }
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("periodEnd must be after periodStart");
        }
    }

    /** The record key on the topic: {@code <scope>:<scopeId>}. */
    public String key() {
        return key(scope, scopeId);
    }

    public static String key(String scope, String scopeId) {
        return scope.toLowerCase(Locale.ROOT) + ":" + scopeId;
    }

    /**
     * The scope id of a tag budget: {@code <tagName>=<value>}. A tag name never contains {@code =}, so the first
     * {@code =} separates name and value.
     */
    public static String tagScopeId(String tagName, String value) {
        return tagName + "=" + value;
    }

    /** Whether the status is about the period that contains {@code at}. */
    public boolean appliesAt(Instant at) {
        return !at.isBefore(periodStart) && at.isBefore(periodEnd);
    }
}
