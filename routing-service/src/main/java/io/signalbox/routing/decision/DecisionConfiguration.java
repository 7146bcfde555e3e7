package io.signalbox.routing.decision;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.policy.PolicyRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine with the system clock and a per-thread random source (no contention). */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

    @Bean
    DecisionEngine decisionEngine(CatalogHolder catalogs, PolicyRegistry policies) {
        return new DecisionEngine(catalogs, policies, Clock.systemUTC(), ThreadLocalRandom::current);
    }
}
