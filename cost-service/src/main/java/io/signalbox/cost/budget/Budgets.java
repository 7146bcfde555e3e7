package io.signalbox.cost.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, changes and deletes budgets. Every change holds the budget lock exclusively while it commits (see
 * {@link BudgetCatalog}), so ingest never counts a line item against a budget definition it has not seen; the
 * new period's counter is then backfilled from the line items, and the status is published.
 *
 * <p>Consistency rule: a budget's spend in a period is the sum of the costs of the line items in its currency, of
 * requests that started in that period and fall under its scope, whenever they were ingested: those stored before
 * the budget (or the period's counter) existed are counted by the backfill, later ones by ingest, each exactly
 * once. Changing what a budget counts (scope, period, time zone, currency) starts its counters afresh from the
 * line items; changing only amounts, thresholds or the webhook keeps them.
 */
@Service
public class Budgets {

    private final BudgetStore store;

    private final BudgetCatalog catalog;

    private final SpendCounters counters;

    private final BudgetStatuses statuses;

    private final BudgetStatusPublisher publisher;

    private final AlertStore alerts;

    private final TransactionTemplate transactions;

    /** Microseconds, as PostgreSQL keeps them, so a budget reads back as it was written. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));

    Budgets(BudgetStore store, BudgetCatalog catalog, SpendCounters counters, BudgetStatuses statuses,
            BudgetStatusPublisher publisher, AlertStore alerts, PlatformTransactionManager transactionManager) {
        this.store = store;
        this.catalog = catalog;
        this.counters = counters;
        this.statuses = statuses;
        this.publisher = publisher;
        this.alerts = alerts;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Creates a budget. Changes are serialised by the budget lock, so two creates for one scope cannot both pass
     * the check.
     *
     * @throws BudgetScopeTakenException when another budget covers the scope
     */
    public BudgetView create(BudgetDefinition definition) {
        Instant now = clock.instant();
        Budget budget = new Budget(UUID.randomUUID(), 1, definition, now, now);
        inTransaction(() -> {
            catalog.lockForChange();
            scopeFree(definition, null);
            store.insert(budget);
            return budget;
        });
        return published(budget, now);
    }

    /**
     * Replaces a budget's definition.
     *
     * @param revision the revision the client read; null: whatever the current one is
     * @throws BudgetNotFoundException when there is no such budget
     * @throws StaleBudgetRevisionException when the budget is no longer at {@code revision}
     * @throws BudgetScopeTakenException when the new scope is another budget's
     */
    public BudgetView update(String id, @Nullable Long revision, BudgetDefinition definition) {
        UUID budgetId = parse(id);
        Instant now = clock.instant();
        Budget old = inTransaction(() -> {
            catalog.lockForChange();
            Budget current = store.find(budgetId).orElseThrow(() -> new BudgetNotFoundException(id));
            long expected = revision == null ? current.revision() : revision;
            if (current.revision() != expected) {
                throw new StaleBudgetRevisionException(budgetId, expected, current.revision());
            }
            scopeFree(definition, budgetId);
            store.update(budgetId, expected, definition, now); // cannot miss: the budget lock serialises changes
            if (!current.definition().countsTheSameAs(definition)) {
                counters.reset(budgetId);
            }
            if (!current.definition().statusKey().equals(definition.statusKey())) {
                store.retireStatusKey(current.definition().statusKey(), now);
            }
            return current;
        });
        if (!old.definition().statusKey().equals(definition.statusKey())) {
            publisher.retired(old.definition().statusKey());
        }
        Budget updated = store.find(budgetId).orElseThrow(() -> new BudgetNotFoundException(id));
        return published(updated, now);
    }

    /**
     * Deletes a budget with its counters and alerts, and tombstones its status so routing stops enforcing it.
     *
     * @param revision the revision the client read; null: any
     */
    public void delete(String id, @Nullable Long revision) {
        UUID budgetId = parse(id);
        Instant now = clock.instant();
        String retired = inTransaction(() -> {
            catalog.lockForChange();
            Budget old = store.find(budgetId).orElseThrow(() -> new BudgetNotFoundException(id));
            if (revision != null && old.revision() != revision) {
                throw new StaleBudgetRevisionException(budgetId, revision, old.revision());
            }
            store.delete(budgetId);
            store.retireStatusKey(old.definition().statusKey(), now);
            return old.definition().statusKey();
        });
        publisher.retired(retired);
    }

    public BudgetView get(String id) {
        Budget budget = store.find(parse(id)).orElseThrow(() -> new BudgetNotFoundException(id));
        return new BudgetView(budget, statuses.current(budget, clock.instant()));
    }

    /** The budgets the filter admits, oldest first. */
    public List<BudgetView> list(BudgetFilter filter) {
        Instant now = clock.instant();
        return store.findAll().stream()
                .filter(budget -> filter.admits(budget.definition()))
                .map(budget -> new BudgetView(budget, statuses.current(budget, now)))
                .filter(view -> filter.state() == null || filter.state().wireName().equals(view.current().state()))
                .toList();
    }

    /** The budget's alerts, newest first, with every delivery attempt. */
    public List<BudgetAlert> alerts(String id) {
        UUID budgetId = parse(id);
        if (store.find(budgetId).isEmpty()) {
            throw new BudgetNotFoundException(id);
        }
        return alerts.findByBudget(budgetId);
    }

    /** Backfills the current period (raising the alerts it has already reached) and publishes at once. */
    private BudgetView published(Budget budget, Instant now) {
        BudgetView view = new BudgetView(budget, statuses.current(budget, now, true));
        publisher.changed(List.of(budget.id()), true);
        return view;
    }

    private void scopeFree(BudgetDefinition definition, @Nullable UUID self) {
        Optional<UUID> holder = store.findIdByScope(definition.scope(), definition.scopeId());
        if (holder.isPresent() && !holder.get().equals(self)) {
            throw new BudgetScopeTakenException(definition.statusKey(), holder.get());
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        T result = transactions.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("A budget transaction returned nothing");
        }
        return result;
    }

    /** Ids are UUIDs; anything else names no budget. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw new BudgetNotFoundException(id);
        }
    }
}
