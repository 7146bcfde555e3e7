package io.signalbox.cost.ingest;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.cost.ingest.*}: where unreadable usage messages go and how failures are retried.
 *
 * @param deadLetter the topic for messages that can never be stored
 * @param retry back-off for failures that are not the message's fault
 * @param concurrency consumer threads of the usage listener; each stores its own batches (read by the
 *     listener annotation)
 */
@Validated
@ConfigurationProperties("signalbox.cost.ingest")
record CostIngestProperties(@Valid @NotNull DeadLetter deadLetter, @Valid @NotNull Retry retry,
        @DefaultValue("3") @Min(1) int concurrency) {

    /**
     * @param topic created at startup, because brokers here do not auto-create topics
     * @param partitions partitions of the topic when this service creates it
     */
    record DeadLetter(
            @DefaultValue("signalbox.usage.v1.DLT") @NotBlank String topic,
            @DefaultValue("3") @Min(1) int partitions) {
    }

    /**
     * Exponential back-off. While the database is unreachable a message is retried without limit (it is
     * not the message's fault and offsets must not move past unstored events); any other failure is
     * retried {@code maxAttempts} times and then dead-lettered.
     */
    record Retry(
            @DefaultValue("500ms") @NotNull Duration initialInterval,
            @DefaultValue("30s") @NotNull Duration maxInterval,
            @DefaultValue("4") @Min(0) int maxAttempts) {
    }
}
