package io.signalbox.routing.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One process-wide {@link EndpointHealthStore}, filled by {@link EndpointHealthListener}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthConfiguration.HealthProperties.class)
class HealthConfiguration {

    @Bean
    EndpointHealthStore endpointHealthStore(HealthProperties properties) {
        return new EndpointHealthStore(properties.staleAfter());
    }

    /** {@code signalbox.routing.health.stale-after}: how long after its window a health report still counts. */
    @ConfigurationProperties("signalbox.routing.health")
    record HealthProperties(@DefaultValue("5m") Duration staleAfter) {
    }
}
