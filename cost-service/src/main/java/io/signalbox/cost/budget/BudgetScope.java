package io.signalbox.cost.budget;

import java.util.Locale;

import io.signalbox.contracts.budget.BudgetStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a budget covers. Tenant, team and key budgets name a registry id; a tag budget names a tag and one of its
 * values as {@code <tagName>=<value>} and covers every request whose virtual key carries that tag, in any tenant.
 */
public enum BudgetScope {

    TENANT("tenant_id"),
    TEAM("team_id"),
    KEY("key_id"),
    TAG(null);

    private final @Nullable String column;

    BudgetScope(@Nullable String column) {
        this.column = column;
    }

    /** The name on the wire and in the database: {@code tenant}, {@code team}, {@code key}, {@code tag}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BudgetScope fromWire(String name) {
        for (BudgetScope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("Unknown budget scope '" + name + "'");
    }

    /** The {@code line_items} column holding this scope's id; null for tags, which live in {@code tags}. */
    @Nullable String column() {
        return column;
    }

    /** The key of a budget of this scope on {@code signalbox.budget-status.v1}. */
    String statusKey(String scopeId) {
        return BudgetStatus.key(wireName(), scopeId);
    }
}
