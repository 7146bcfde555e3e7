package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.cost.lineitem.LineItem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts each newly stored line item against every budget it falls under, in the transaction that stored it: the
 * counter and the line item commit together or not at all, and a redelivered event, which stores nothing, counts
 * nothing. The counter of the period containing the request's start time grows by the item's cost
 * ({@code update ... set spent = spent + cost}, so concurrent consumers serialise on the counter's row and never
 * lose an increment). Thresholds crossed by the increment raise their alerts in the same transaction; the budgets'
 * statuses are published after commit.
 */
@Component
public class BudgetLedger {

    private final BudgetCatalog catalog;

    private final SpendCounters counters;

    private final BudgetAlerts alerts;

    private final BudgetStatusPublisher publisher;

    private final Clock clock = Clock.systemUTC();

    BudgetLedger(BudgetCatalog catalog, SpendCounters counters, BudgetAlerts alerts, BudgetStatusPublisher publisher) {
        this.catalog = catalog;
        this.counters = counters;
        this.alerts = alerts;
        this.publisher = publisher;
    }

    /**
     * Counts line items that this transaction has just inserted. Call it with exactly the items the insert
     * inserted (a redelivered event inserts nothing and so counts nothing), inside that transaction.
     *
     * <p>The items' costs are summed per budget and period first, and the counters are then changed in one order
     * (by budget id and period), so that transactions counting overlapping budgets cannot deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(Collection<LineItem> added) {
        Map<Increment.Key, Increment> increments = new TreeMap<>();
        BudgetCatalog.Snapshot budgets = null;
        for (LineItem item : added) {
            PriceSnapshot price = item.usage().price();
            if (price == null || item.cost().signum() == 0) {
                continue;
            }
            if (budgets == null) {
                budgets = catalog.forTransaction();
            }
            for (Budget budget : budgets.matching(item.usage(), price.currency())) {
                PeriodWindow period = budget.periodAt(item.usage().startedAt());
                increments.computeIfAbsent(new Increment.Key(budget.id(), period.start()),
                        key -> new Increment(budget, period)).add(item.cost());
            }
        }
        apply(increments, true);
    }

    /**
     * Starts collecting re-priced line items' cost changes, in the transaction that re-prices them; {@link #apply}
     * books them once every item is updated, so that the counters' rows stay locked only at the end (ingest counting
     * into the same budgets waits for them) and a counter created then is backfilled from the re-priced items.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Moves moves() {
        return new Moves(catalog.forTransaction());
    }

    /**
     * Books collected moves: each item's old cost leaves the budgets it counted against in its old currency, and
     * its new cost joins those of its new currency (the same budgets when the currency stayed). Counters change by
     * the difference, so ingest transactions counting meanwhile lose nothing. A counter this creates is backfilled
     * from the line items as this transaction sees them, already re-priced. Crossing a threshold upwards raises its
     * alert, as a new line item's cost would, except for a counter created here (a period nobody had counted yet
     * may lie before the budget existed); that counter's state is still published.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(Moves moves) {
        moves.increments.values().removeIf(increment -> increment.cost().signum() == 0);
        apply(moves.increments, false);
    }

    /** Cost changes summed per budget and period, in one transaction's view of the budgets. */
    public static final class Moves {

        private final BudgetCatalog.Snapshot budgets;

        private final Map<Increment.Key, Increment> increments = new TreeMap<>();

        private Moves(BudgetCatalog.Snapshot budgets) {
            this.budgets = budgets;
        }

        /** Adds one re-priced item's change. */
        public void add(CostChange change) {
            if (change.oldCurrency() != null && change.oldCost().signum() != 0) {
                add(change, change.oldCurrency(), change.oldCost().negate());
            }
            if (change.newCost().signum() != 0) {
                add(change, change.newCurrency(), change.newCost());
            }
        }

        private void add(CostChange change, String currency, BigDecimal cost) {
            for (Budget budget : budgets.matching(change.tenantId(), change.teamId(), change.keyId(), change.tags(),
                    currency)) {
                PeriodWindow period = budget.periodAt(change.occurredAt());
                increments.computeIfAbsent(new Increment.Key(budget.id(), period.start()),
                        key -> new Increment(budget, period)).add(cost);
            }
        }
    }

    /**
     * A re-priced line item's cost before and after, with what decides its budgets.
     *
     * @param oldCurrency the currency it was priced in, null when it had no price (and so counted nowhere)
     */
    public record CostChange(String tenantId, @Nullable String teamId, String keyId, Map<String, String> tags,
            Instant occurredAt, @Nullable String oldCurrency, BigDecimal oldCost, String newCurrency,
            BigDecimal newCost) {
    }

    /** Changes the counters in key order (no deadlocks between transactions), raises alerts, publishes after commit. */
    private void apply(Map<Increment.Key, Increment> increments, boolean alertOnCreatedCounters) {
        if (increments.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        AfterCommit publish = afterCommit();
        for (Increment increment : increments.values()) {
            Budget budget = increment.budget();
            PeriodWindow period = increment.period();
            SpendCounters.Counted counted = counters.add(budget.definition(), budget.id(), period, increment.cost());
            @Nullable BigDecimal before = counted.created() ? null : counted.spent().subtract(increment.cost());
            if (before != null || alertOnCreatedCounters) {
                alerts.raiseReached(budget, period, before, counted.spent(), now);
            }
            boolean stateChanged = before == null
                    || budget.definition().stateAt(before) != budget.definition().stateAt(counted.spent());
            publish.add(budget.id(), stateChanged && period.contains(now));
        }
    }

    /** Counts one line item that this transaction has just inserted; see {@link #recordAll}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(LineItem item) {
        recordAll(List.of(item));
    }

    /** The budgets this transaction changed, handed to the publisher once it commits. */
    private AfterCommit afterCommit() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound instanceof AfterCommit known) {
            return known;
        }
        AfterCommit created = new AfterCommit();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }

    /** The cost a transaction adds to one budget's counter for one period. */
    private static final class Increment {

        private final Budget budget;

        private final PeriodWindow period;

        private BigDecimal cost = BigDecimal.ZERO;

        Increment(Budget budget, PeriodWindow period) {
            this.budget = budget;
            this.period = period;
        }

        void add(BigDecimal more) {
            cost = cost.add(more);
        }

        Budget budget() {
            return budget;
        }

        PeriodWindow period() {
            return period;
        }

        BigDecimal cost() {
            return cost;
        }

        record Key(UUID budgetId, Instant periodStart) implements Comparable<Key> {

            @Override
            public int compareTo(Key other) {
                int byBudget = budgetId.compareTo(other.budgetId);
                return byBudget != 0 ? byBudget : periodStart.compareTo(other.periodStart);
            }
        }
    }

    private final class AfterCommit implements TransactionSynchronization {

        private final Set<UUID> changed = new HashSet<>();

        private boolean stateChanged;

        void add(UUID budgetId, boolean changesState) {
            changed.add(budgetId);
            stateChanged |= changesState;
        }

        @Override
        public void afterCommit() {
            publisher.changed(changed, stateChanged);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BudgetLedger.this);
        }
    }
}
