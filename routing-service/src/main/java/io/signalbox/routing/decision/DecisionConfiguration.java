package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.routing.budget.BudgetStates;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.endpoint.EndpointScraper;
import io.signalbox.routing.endpoint.EndpointSignalStore;
import io.signalbox.routing.endpoint.PrefixIndex;
import io.signalbox.routing.health.EndpointHealthStore;
import io.signalbox.routing.policy.PolicyRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the engine with the system clock, a per-thread random source (no contention), the endpoint
 * signal store, its scraper and the endpoint picker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecisionConfiguration.EndpointPickingProperties.class)
class DecisionConfiguration {

    @Bean
    EndpointSignalStore endpointSignalStore(EndpointPickingProperties properties) {
        return new EndpointSignalStore(properties.staleAfter());
    }

    @Bean
    EndpointScraper endpointScraper(CatalogHolder catalogs, EndpointSignalStore store,
            EndpointPickingProperties properties, MeterRegistry meters) {
        return new EndpointScraper(catalogs, store, properties.scrapeInterval(), properties.scrapeTimeout(), meters);
    }

    @Bean
    EndpointPicker endpointPicker(EndpointSignalStore store, EndpointPickingProperties properties) {
        return new EndpointPicker(store, new PrefixIndex(properties.prefixBlockChars(), properties.prefixMaxBlocks(),
                properties.prefixCapacityPerEndpoint()), new EndpointPicker.Settings(properties.prefixWeight(),
                        properties.queueWeight(), properties.kvWeight(), properties.loraWeight(),
                        properties.queueThreshold(), properties.kvThreshold()));
    }

    @Bean
    DecisionEngine decisionEngine(CatalogHolder catalogs, PolicyRegistry policies, EndpointPicker picker,
            EndpointSignalStore store, BudgetStates budgets, EndpointHealthStore health) {
        return new DecisionEngine(catalogs, policies, Clock.systemUTC(), ThreadLocalRandom::current, picker, store,
                budgets, health);
    }

    /**
     * {@code signalbox.routing.endpoints.*}: how often endpoint metrics are scraped, when they count as stale,
     * and the endpoint picker's scorer weights and saturation thresholds.
     */
    @ConfigurationProperties("signalbox.routing.endpoints")
    record EndpointPickingProperties(
            @DefaultValue("200ms") Duration scrapeInterval,
            @DefaultValue("150ms") Duration scrapeTimeout,
            @DefaultValue("1s") Duration staleAfter,
            @DefaultValue("3") double prefixWeight,
            @DefaultValue("2") double queueWeight,
            @DefaultValue("1") double kvWeight,
            @DefaultValue("1") double loraWeight,
            @DefaultValue("5") double queueThreshold,
            @DefaultValue("0.9") double kvThreshold,
            @DefaultValue("64") int prefixBlockChars,
            @DefaultValue("256") int prefixMaxBlocks,
            @DefaultValue("100000") int prefixCapacityPerEndpoint) {
    }
}
