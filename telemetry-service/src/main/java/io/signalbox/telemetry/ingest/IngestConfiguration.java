package io.signalbox.telemetry.ingest;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.telemetry.window.UsageWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handling of the service's listeners (the container factory's). The listeners skip records they cannot read
 * or count themselves; this handler only sees what escapes a whole batch (which should not happen): it is logged,
 * counted in
 * {@code signalbox.telemetry.rejected.events} and skipped after two quick retries, so live statistics never stall.
 * A retried batch counts nothing twice: the event ids already counted are remembered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryIngestProperties.class)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    DefaultErrorHandler usageErrorHandler(MeterRegistry registry) {
        Counter rejected = rejectedCounter(registry);
        return new DefaultErrorHandler((record, failure) -> {
            rejected.increment();
            log.warn("Skipping message {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), rootMessage(failure));
        }, new FixedBackOff(100, 2));
    }

    @Bean
    WindowReplay windowReplay(ConsumerFactory<?, ?> consumers, UsageWindows windows, Clock clock,
            MeterRegistry registry, TelemetryIngestProperties properties) {
        return new WindowReplay(consumers.getConfigurationProperties(), windows, clock, registry,
                properties.recentEventIds(), properties.windowReplayTimeout());
    }

    static Counter rejectedCounter(MeterRegistry registry) {
        return Counter.builder("signalbox.telemetry.rejected.events")
                .description("Usage messages that could not be counted and were skipped").register(registry);
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
