package io.signalbox.telemetry.health;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.telemetry.window.UsageWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The health publisher, sending to {@code signalbox.endpoint-health.v1} without waiting: a report that Kafka
 * does not take is logged (once per outage) and superseded by the next one a few seconds later.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HealthConfiguration.class);

    @Bean
    EndpointHealthPublisher endpointHealthPublisher(UsageWindows windows, HealthProperties properties,
            KafkaTemplate<String, String> kafka, MeterRegistry registry) {
        AtomicBoolean failing = new AtomicBoolean();
        return new EndpointHealthPublisher(windows, properties, (key, report) -> kafka
                .send(Topics.ENDPOINT_HEALTH, key, report == null ? null : ContractJson.toJson(report))
                .whenComplete((result, failure) -> {
                    if (failure != null && !failing.getAndSet(true)) {
                        log.warn("Health reports are not reaching Kafka: {}", failure.getMessage());
                    }
                    else if (failure == null && failing.getAndSet(false)) {
                        log.info("Health reports reach Kafka again");
                    }
                }), registry);
    }
}
