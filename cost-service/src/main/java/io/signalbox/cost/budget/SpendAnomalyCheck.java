package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks, for every budget's scope, at the spend so far today (in the budget's time zone and currency) against the
 * previous days, and raises an anomaly alert when {@link SpendAnomalyRule} says so: at most one per scope and day.
 * Budgets say which scopes are watched and where their alerts go; a budget with {@code enforceHardLimit: false} and
 * a high amount watches a scope without limiting it.
 */
@Component
class SpendAnomalyCheck {

    private static final Logger log = LoggerFactory.getLogger(SpendAnomalyCheck.class);

    private final BudgetStore budgets;

    private final BudgetAlerts alerts;

    private final JdbcClient jdbc;

    private final BudgetProperties.Anomaly properties;

    private final SpendAnomalyRule rule;

    private final Clock clock = Clock.systemUTC();

    SpendAnomalyCheck(BudgetStore budgets, BudgetAlerts alerts, JdbcClient jdbc, BudgetProperties properties) {
        this.budgets = budgets;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.properties = properties.anomaly();
        this.rule = this.properties.rule();
    }

    /** @return how many anomaly alerts this run raised */
    int check() {
        Instant now = clock.instant();
        int raised = 0;
        for (Budget budget : budgets.findAll()) {
            if (check(budget, now)) {
                raised++;
            }
        }
        return raised;
    }

    void checkLogged() {
        try {
            check();
        }
        catch (RuntimeException ex) {
            log.warn("The spend anomaly check failed; the next run tries again", ex);
        }
    }

    private boolean check(Budget budget, Instant now) {
        BudgetDefinition definition = budget.definition();
        PeriodWindow today = BudgetPeriod.dayContaining(now, definition.timeZone());
        LocalDate day = LocalDate.parse(today.name());
        LocalDate first = day.minusDays(properties.baselineDays());
        Map<LocalDate, BigDecimal> spend = daySpend(definition, BudgetPeriod.day(first, definition.timeZone()).start(),
                today.end());
        List<BigDecimal> baseline = new ArrayList<>(properties.baselineDays());
        for (LocalDate d = first; d.isBefore(day); d = d.plusDays(1)) {
            baseline.add(spend.getOrDefault(d, BigDecimal.ZERO));
        }
        BigDecimal spentToday = spend.getOrDefault(day, BigDecimal.ZERO);
        Optional<SpendAnomalyRule.Finding> finding = rule.evaluate(baseline, spentToday);
        if (finding.isEmpty()) {
            return false;
        }
        boolean raised = alerts.raiseAnomaly(budget, today, spentToday, finding.get(), now);
        if (raised) {
            log.info("Spend anomaly for {}: {} {} so far on {}, above the baseline bound {} (mean {}, stddev {})",
                    definition.statusKey(), spentToday.toPlainString(), definition.currency(), today.name(),
                    finding.get().bound().toPlainString(), finding.get().mean().toPlainString(),
                    finding.get().stddev().toPlainString());
        }
        return raised;
    }

    /** The scope's spend per local day of the budget's time zone, from {@code from} to {@code to}. */
    private Map<LocalDate, BigDecimal> daySpend(BudgetDefinition definition, Instant from, Instant to) {
        Map<String, Object> params = new HashMap<>();
        params.put("zone", definition.timeZone().getId());
        params.put("currency", definition.currency());
        params.put("from", BudgetStore.utc(from));
        params.put("to", BudgetStore.utc(to));
        if (definition.scope() == BudgetScope.TAG) {
            params.put("tagName", definition.tagName());
            params.put("tagValue", definition.tagValue());
        }
        else {
            params.put("scopeId", definition.scopeId());
        }
        Map<LocalDate, BigDecimal> spend = new HashMap<>();
        jdbc.sql("""
                        select (occurred_at at time zone :zone)::date as day, sum(cost) as spent from line_items
                        where %s and currency = :currency and occurred_at >= :from and occurred_at < :to
                        group by 1""".formatted(SpendCounters.scopeCondition(definition)))
                .params(params)
                .query(rs -> {
                    Date date = rs.getDate("day");
                    spend.put(date.toLocalDate(), rs.getBigDecimal("spent"));
                });
        return spend;
    }
}
