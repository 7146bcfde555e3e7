package io.signalbox.routing.budget;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One process-wide {@link BudgetStates}, filled by {@link BudgetStatusListener}. */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

    @Bean
    BudgetStates budgetStates() {
        return new BudgetStates();
    }
}
