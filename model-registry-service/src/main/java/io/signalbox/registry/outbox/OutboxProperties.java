package io.signalbox.registry.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.outbox.*}: how the relay moves events from the outbox to Kafka.
 *
 * @param relayEnabled whether this instance runs the relay (any number may; they take turns)
 * @param relayInterval the pause between relay runs
 * @param batchSize the most events one run sends before it commits what was acknowledged
 * @param sendTimeout how long to wait for Kafka to acknowledge an event before leaving it for the next run
 */
@Validated
@ConfigurationProperties("signalbox.outbox")
record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("10s") Duration sendTimeout) {
}
