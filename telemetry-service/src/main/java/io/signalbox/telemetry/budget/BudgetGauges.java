package io.signalbox.telemetry.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.signalbox.contracts.budget.BudgetStatus;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Budget burn for dashboards: the latest {@link BudgetStatus} of every budget (from cost-service's compacted
 * {@code signalbox.budget-status.v1}, read whole at start) as gauges labelled {@code budget_id}, {@code scope},
 * {@code scope_id}, {@code currency} and {@code period}. A status whose period has ended, or that a tombstone
 * removed, drops out. Gauges are doubles, for display: the exact spend is cost-service's (its budgets API).
 */
public class BudgetGauges {

    private final Map<String, BudgetStatus> byKey = new ConcurrentHashMap<>();

    private final Clock clock;

    private final MultiGauge spent;

    private final MultiGauge limit;

    private final MultiGauge used;

    private final MultiGauge state;

    public BudgetGauges(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.spent = MultiGauge.builder("signalbox.budget.spent")
                .description("Spend of the budget's scope in the current period, in its currency").register(registry);
        this.limit = MultiGauge.builder("signalbox.budget.limit")
                .description("The budget's soft and hard limits (label limit) in the current period").register(registry);
        this.used = MultiGauge.builder("signalbox.budget.used.ratio")
                .description("Spend / hard limit (the soft limit when there is no hard one)").register(registry);
        this.state = MultiGauge.builder("signalbox.budget.state")
                .description("0 ok, 1 soft limit reached (tier stepped down), 2 hard limit reached (refused)")
                .register(registry);
    }

    /** Takes a status; an older one for the same key (by {@code observedAt}) never replaces a newer one. */
    public void apply(BudgetStatus status) {
        byKey.merge(status.key(), status,
                (known, incoming) -> incoming.observedAt().isBefore(known.observedAt()) ? known : incoming);
        refresh();
    }

    public void remove(String key) {
        byKey.remove(key);
        refresh();
    }

    /** Rebuilds the gauges, dropping statuses whose period has ended. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public synchronized void refresh() {
        List<MultiGauge.Row<?>> spentRows = new ArrayList<>();
        List<MultiGauge.Row<?>> limitRows = new ArrayList<>();
        List<MultiGauge.Row<?>> usedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        for (BudgetStatus status : byKey.values()) {
            if (!status.periodEnd().isAfter(clock.instant())) {
                continue;
            }
            Tags tags = Tags.of("budget_id", status.budgetId(), "scope", status.scope(), "scope_id", status.scopeId(),
                    "currency", status.currency(), "period", status.period());
            spentRows.add(MultiGauge.Row.of(tags, status.spent().doubleValue()));
            if (status.softLimit() != null) {
                limitRows.add(MultiGauge.Row.of(tags.and("limit", "soft"), status.softLimit().doubleValue()));
            }
            if (status.hardLimit() != null) {
                limitRows.add(MultiGauge.Row.of(tags.and("limit", "hard"), status.hardLimit().doubleValue()));
            }
            BigDecimal cap = status.hardLimit() != null ? status.hardLimit() : status.softLimit();
            if (cap != null && cap.signum() > 0) {
                usedRows.add(MultiGauge.Row.of(tags, status.spent().divide(cap, 6, RoundingMode.HALF_EVEN)
                        .doubleValue()));
            }
            stateRows.add(MultiGauge.Row.of(tags, switch (status.state()) {
                case BudgetStatus.HARD -> 2;
                case BudgetStatus.SOFT -> 1;
                default -> 0;
            }));
        }
        spent.register(spentRows, true);
        limit.register(limitRows, true);
        used.register(usedRows, true);
        state.register(stateRows, true);
    }
}
