package io.signalbox.cost.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.usage.UsageRecorded;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The budgets ingest matches line items against, held in memory and checked against the database's budget
 * generation once per ingest transaction.
 *
 * <p>Why a lock: a budget created mid-period backfills its counter from {@code line_items}, while ingest adds each
 * new line item to the counters of the budgets it knows. A line item must be counted by exactly one of the two.
 * Budget changes bump the generation holding a PostgreSQL advisory lock exclusively ({@link #lockForChange});
 * ingest reads the generation holding it shared ({@link #forTransaction}) and keeps it until commit. So an ingest
 * transaction either sees the new budget (and counts its line item itself) or commits before the change does,
 * and then its line item is visible to the backfill that follows the change.
 */
@Component
class BudgetCatalog {

    /** Must equal the key in {@code budget_catalog_generation()} (V20__budgets.sql). */
    static final long LOCK_KEY = 4842175048877810276L;

    private final JdbcClient jdbc;

    private final BudgetStore store;

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(-1, Map.of()));

    BudgetCatalog(JdbcClient jdbc, BudgetStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /**
     * The budgets as of the current transaction, which from here on holds the budget lock shared. Only the first
     * call in a transaction asks the database; later calls reuse what it returned.
     */
    Snapshot forTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound instanceof Snapshot known) {
            return known;
        }
        long generation = jdbc.sql("select budget_catalog_generation()").query(Long.class).single();
        Snapshot current = snapshot.get();
        if (current.generation() != generation) {
            current = new Snapshot(generation, index(store.findAll()));
            snapshot.accumulateAndGet(current, (old, fresh) -> fresh.generation() > old.generation() ? fresh : old);
        }
        TransactionSynchronizationManager.bindResource(this, current);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(BudgetCatalog.this);
            }
        });
        return current;
    }

    /**
     * Waits until no ingest transaction holds the budget lock, holds it until this transaction ends, and bumps the
     * generation so that every ingest transaction after it reloads the budgets.
     */
    void lockForChange() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleRow();
        jdbc.sql("update budget_catalog set generation = generation + 1 where id = 1").update();
    }

    private static Map<String, Budget> index(List<Budget> budgets) {
        Map<String, Budget> byKey = new HashMap<>();
        for (Budget budget : budgets) {
            byKey.put(budget.definition().statusKey(), budget);
        }
        return Map.copyOf(byKey);
    }

    /** The budgets of one generation, by status key. */
    record Snapshot(long generation, Map<String, Budget> byStatusKey) {

        /** The budgets a usage event counts against: its tenant's, team's, key's and tags', in its currency. */
        List<Budget> matching(UsageRecorded usage, String currency) {
            return matching(usage.tenantId(), usage.teamId(), usage.keyId(), usage.tags(), currency);
        }

        /** The budgets a line item with these attributes counts against, in {@code currency}. */
        List<Budget> matching(String tenantId, @Nullable String teamId, String keyId, Map<String, String> tags,
                String currency) {
            if (byStatusKey.isEmpty()) {
                return List.of();
            }
            List<Budget> matching = new ArrayList<>(2);
            add(matching, BudgetScope.TENANT.statusKey(tenantId), currency);
            if (teamId != null) {
                add(matching, BudgetScope.TEAM.statusKey(teamId), currency);
            }
            add(matching, BudgetScope.KEY.statusKey(keyId), currency);
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                String scopeId = BudgetStatus.tagScopeId(tag.getKey(), tag.getValue());
                add(matching, BudgetScope.TAG.statusKey(scopeId), currency);
            }
            return matching;
        }

        private void add(List<Budget> matching, String key, String currency) {
            @Nullable Budget budget = byStatusKey.get(key);
            if (budget != null && budget.definition().currency().equals(currency)) {
                matching.add(budget);
            }
        }
    }
}
