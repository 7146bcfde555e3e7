package io.signalbox.routing.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.contracts.budget.BudgetStatus;
import org.jspecify.annotations.Nullable;

/**
 * The latest status of every budget, by scope ({@code tenant:<id>}, {@code team:<id>}, {@code key:<id>},
 * {@code tag:<name>=<value>}) and period:
 * cost-service may publish the next period's status before the current one ends, and the current one must keep
 * applying until then. Empty until the budget topic has been read: with no status, nothing is limited.
 */
public final class BudgetStates {

    private final Map<String, List<BudgetStatus>> byScope = new ConcurrentHashMap<>();

    /**
     * Takes a status. Within one period an older status (by {@code observedAt}) never replaces a newer one;
     * periods that ended before the status was observed are forgotten.
     */
    public void apply(BudgetStatus status) {
        byScope.compute(status.key(), (key, known) -> {
            List<BudgetStatus> kept = new ArrayList<>();
            boolean samePeriod = false;
            for (BudgetStatus other : known == null ? List.<BudgetStatus>of() : known) {
                if (other.periodStart().equals(status.periodStart())) {
                    samePeriod = true;
                    kept.add(status.observedAt().isBefore(other.observedAt()) ? other : status);
                }
                else if (other.periodEnd().isAfter(status.observedAt())) {
                    kept.add(other);
                }
            }
            if (!samePeriod) {
                kept.add(status);
            }
            return List.copyOf(kept);
        });
    }

    /** Forgets a scope's budget (the budget was deleted). */
    public void remove(String key) {
        byScope.remove(key);
    }

    /**
     * The most restrictive status, among the request's tenant, team and key budgets, whose period contains
     * {@code now} and whose state is not {@code ok}; null when no budget limits the request.
     */
    public @Nullable BudgetStatus limiting(@Nullable String tenantId, @Nullable String teamId, @Nullable String keyId,
            Instant now) {
        return limiting(tenantId, teamId, keyId, Map.of(), now);
    }

    /**
     * As {@link #limiting(String, String, String, Instant)}, also counting a {@code tag} budget for each of the
     * request's tags ({@code tag:<name>=<value>}). A hard limit anywhere outranks a soft one; among equals the
     * nearest scope wins: key, team, tenant, then the tags (in no particular order).
     */
    public @Nullable BudgetStatus limiting(@Nullable String tenantId, @Nullable String teamId, @Nullable String keyId,
            Map<String, String> tags, Instant now) {
        BudgetStatus worst = null;
        for (String key : new String[] {scoped("key", keyId), scoped("team", teamId), scoped("tenant", tenantId)}) {
            worst = worse(worst, key == null ? null : current(byScope.get(key), now));
        }
        if (!tags.isEmpty() && (worst == null || !BudgetStatus.HARD.equals(worst.state()))) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                String key = BudgetStatus.key(BudgetStatus.TAG, BudgetStatus.tagScopeId(tag.getKey(), tag.getValue()));
                worst = worse(worst, current(byScope.get(key), now));
            }
        }
        return worst;
    }

    /** How many scopes have a budget. */
    public int size() {
        return byScope.size();
    }

    private static @Nullable BudgetStatus worse(@Nullable BudgetStatus worst, @Nullable BudgetStatus status) {
        if (status == null || BudgetStatus.OK.equals(status.state())) {
            return worst;
        }
        if (worst == null || (BudgetStatus.HARD.equals(status.state()) && !BudgetStatus.HARD.equals(worst.state()))) {
            return status;
        }
        return worst;
    }

    private static @Nullable BudgetStatus current(@Nullable List<BudgetStatus> statuses, Instant now) {
        if (statuses != null) {
            for (BudgetStatus status : statuses) {
                if (status.appliesAt(now)) {
                    return status;
                }
            }
        }
        return null;
    }

    private static @Nullable String scoped(String scope, @Nullable String id) {
        return id == null || id.isBlank() ? null : BudgetStatus.key(scope, id);
    }
}
