package io.signalbox.routing.budget;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.contracts.budget.BudgetStatus;
import org.jspecify.annotations.Nullable;

/**
 * The latest status of every budget, by scope ({@code tenant:<id>}, {@code team:<id>}, {@code key:<id>}).
 * Empty until the budget topic has been read: with no status, nothing is limited.
 */
public final class BudgetStates {

    private final Map<String, BudgetStatus> byScope = new ConcurrentHashMap<>();

    /** Takes a status; an older one for the same scope (by {@code observedAt}) never replaces a newer one. */
    public void apply(BudgetStatus status) {
        byScope.merge(status.key(), status,
                (known, incoming) -> incoming.observedAt().isBefore(known.observedAt()) ? known : incoming);
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
        BudgetStatus worst = null;
        for (String key : new String[] {scoped("key", keyId), scoped("team", teamId), scoped("tenant", tenantId)}) {
            BudgetStatus status = key == null ? null : byScope.get(key);
            if (status == null || !status.appliesAt(now) || BudgetStatus.OK.equals(status.state())) {
                continue;
            }
            if (worst == null || (BudgetStatus.HARD.equals(status.state()) && !BudgetStatus.HARD.equals(worst.state()))) {
                worst = status;
            }
        }
        return worst;
    }

    public int size() {
        return byScope.size();
    }

    private static @Nullable String scoped(String scope, @Nullable String id) {
        return id == null || id.isBlank() ? null : BudgetStatus.key(scope, id);
    }
}
