package io.signalbox.telemetry.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handling of the usage listener. Telemetry is a view derived from the usage topic (cost-service
 * keeps the dead letters of that topic), so a message that cannot be counted is logged, counted in
 * {@code signalbox.telemetry.rejected.events} and skipped; it must never stall live statistics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryIngestProperties.class)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    DefaultErrorHandler usageErrorHandler(MeterRegistry registry) {
        Counter rejected = Counter.builder("signalbox.telemetry.rejected.events")
                .description("Usage messages that could not be counted and were skipped").register(registry);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            rejected.increment();
            log.warn("Skipping usage message {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), rootMessage(failure));
        }, new FixedBackOff(100, 2));
        handler.addNotRetryableExceptions(MalformedEventException.class, InvalidUsageEventException.class);
        return handler;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
