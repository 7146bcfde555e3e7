package io.signalbox.telemetry.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.infra.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetGaugesTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final BudgetGauges gauges = new BudgetGauges(clock, registry);

    @Test
    void aBudgetsSpendLimitsBurnAndStateAreGaugedAndTheNewestStatusWins() {
        gauges.apply(status("412.5", "ok", NOW.minusSeconds(10)));
        gauges.apply(status("820", "soft", NOW));
        gauges.apply(status("100", "ok", NOW.minusSeconds(60)));

        assertThat(gauge("signalbox.budget.spent")).isEqualTo(820);
        assertThat(gauge("signalbox.budget.used.ratio")).isEqualTo(0.82);
        assertThat(gauge("signalbox.budget.state")).isEqualTo(1);
        assertThat(registry.get("signalbox.budget.limit").tag("limit", "soft").gauge().value()).isEqualTo(800);
        assertThat(registry.get("signalbox.budget.limit").tag("limit", "hard").gauge().value()).isEqualTo(1000);
    }

    @Test
    void aTombstoneOrTheEndOfThePeriodRemovesTheBudget() {
        gauges.apply(status("10", "ok", NOW));
        gauges.remove("team:team-checkout");
        assertThat(registry.find("signalbox.budget.spent").gauges()).isEmpty();

        gauges.apply(status("10", "ok", NOW));
        clock.advance(Duration.ofDays(40));
        gauges.refresh();
        assertThat(registry.find("signalbox.budget.spent").gauges()).isEmpty();
    }

    private double gauge(String name) {
        return registry.get(name).tags("budget_id", "budget-1", "scope", "team", "scope_id", "team-checkout",
                "currency", "USD", "period", "2026-11").gauge().value();
    }

    private static BudgetStatus status(String spent, String state, Instant observedAt) {
        return new BudgetStatus("budget-1", "team", "team-checkout", "2026-11", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), "USD", new BigDecimal(spent), new BigDecimal("800"),
                new BigDecimal("1000"), state, observedAt);
    }
}
