package io.signalbox.telemetry.budget;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Budget burn gauges, fed by the budget-status topic. */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

    @Bean
    BudgetGauges budgetGauges(Clock clock, MeterRegistry registry) {
        return new BudgetGauges(clock, registry);
    }

    @Bean
    BudgetStatusListener budgetStatusListener(BudgetGauges gauges) {
        return new BudgetStatusListener(gauges);
    }
}
