package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code budget_spend} counters: one row per budget and period, incremented atomically.
 *
 * <p>A row is created by a backfill, {@code insert ... select sum(cost) from line_items ...}, and from then on
 * only incremented. The backfill and the increment are one statement ({@code on conflict do update}), so whoever
 * loses the race to create a row adds its own line item to the winner's sum instead: a line item committed before
 * the backfill's snapshot is in the sum, any later one is added by the transaction that inserted it.
 */
@Repository
class SpendCounters {

    private final JdbcClient jdbc;

    SpendCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a line item's cost to the budget's counter for the period, creating the counter from the line items
     * (this one included, since it is in the same transaction) when there is none.
     */
    Counted add(BudgetDefinition budget, UUID budgetId, PeriodWindow period, BigDecimal cost) {
        Optional<BigDecimal> incremented = jdbc.sql("""
                        update budget_spend set spent = spent + :cost, updated_at = now()
                        where budget_id = :id and period_start = :start
                        returning spent""")
                .param("cost", cost)
                .param("id", budgetId)
                .param("start", BudgetStore.utc(period.start()))
                .query(BigDecimal.class).optional();
        if (incremented.isPresent()) {
            return new Counted(incremented.get(), false);
        }
        return jdbc.sql(backfill(budget, "do update set spent = budget_spend.spent + :cost, updated_at = now()")
                        + " returning spent, (xmax = 0) as created")
                .params(backfillParams(budget, budgetId, period))
                .param("cost", cost)
                .query((rs, row) -> new Counted(rs.getBigDecimal("spent"), rs.getBoolean("created")))
                .single();
    }

    /**
     * The budget's spend in the period, backfilled from the line items when there is no counter yet (the first
     * look at a new budget or a new period).
     */
    Counted current(BudgetDefinition budget, UUID budgetId, PeriodWindow period) {
        Optional<BigDecimal> known = find(budgetId, period);
        if (known.isPresent()) {
            return new Counted(known.get(), false);
        }
        boolean created = jdbc.sql(backfill(budget, "do nothing"))
                .params(backfillParams(budget, budgetId, period))
                .update() == 1;
        return new Counted(find(budgetId, period).orElseThrow(), created);
    }

    Optional<BigDecimal> find(UUID budgetId, PeriodWindow period) {
        return jdbc.sql("select spent from budget_spend where budget_id = :id and period_start = :start")
                .param("id", budgetId)
                .param("start", BudgetStore.utc(period.start()))
                .query(BigDecimal.class).optional();
    }

    /** Forgets every counter of the budget: its definition now counts other line items. */
    void reset(UUID budgetId) {
        jdbc.sql("delete from budget_spend where budget_id = :id").param("id", budgetId).update();
    }

    /** The budget's scope as a condition on {@code line_items} (column names come from code, values are bound). */
    static String scopeCondition(BudgetDefinition budget) {
        String column = budget.scope().column();
        return column == null ? "tags ->> :tagName = :tagValue" : column + " = :scopeId";
    }

    private static String backfill(BudgetDefinition budget, String onConflict) {
        return """
                insert into budget_spend (budget_id, period_start, period_end, spent)
                select :id, :start, :end, coalesce(sum(cost), 0) from line_items
                where %s and currency = :currency and occurred_at >= :start and occurred_at < :end
                on conflict (budget_id, period_start) %s""".formatted(scopeCondition(budget), onConflict);
    }

    private static Map<String, Object> backfillParams(BudgetDefinition budget, UUID budgetId,
            PeriodWindow period) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", budgetId);
        params.put("start", BudgetStore.utc(period.start()));
        params.put("end", BudgetStore.utc(period.end()));
        params.put("currency", budget.currency());
        if (budget.scope() == BudgetScope.TAG) {
            params.put("tagName", budget.tagName());
            params.put("tagValue", budget.tagValue());
        }
        else {
            params.put("scopeId", budget.scopeId());
        }
        return params;
    }

    /**
     * @param spent the counter after the call
     * @param created whether the call created the counter by a backfill (so the spend before it is unknown)
     */
    record Counted(BigDecimal spent, boolean created) {
    }
}
