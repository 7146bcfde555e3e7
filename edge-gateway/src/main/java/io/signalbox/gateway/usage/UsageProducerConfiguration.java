package io.signalbox.gateway.usage;

import java.time.Duration;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The usage producer closes quickly. By the time it closes, {@link UsagePublisher} has already spooled every
 * event Kafka had not acknowledged, so waiting out Kafka's 30 s default close (as it would during a broker
 * outage) only risks the platform killing the gateway mid-shutdown.
 */
@Configuration(proxyBeanMethods = false)
class UsageProducerConfiguration {

    static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    DefaultKafkaProducerFactoryCustomizer usageProducerClosesQuickly() {
        return factory -> factory.setPhysicalCloseTimeout((int) PRODUCER_CLOSE_TIMEOUT.toSeconds());
    }
}
