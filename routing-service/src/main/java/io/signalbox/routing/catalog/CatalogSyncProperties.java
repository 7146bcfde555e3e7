package io.signalbox.routing.catalog;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.routing.catalog.*}: how the catalog is kept fresh.
 *
 * @param resyncInterval how often the registry is asked whether the catalog changed even without events, the
 *     safety net for an event missed while Kafka or this instance was away; the question is conditional (the
 *     held version's entity tag), so the snapshot is sent and parsed again only when it did change
 * @param retryInitialDelay the first pause after a failed fetch; doubled after each further failure
 * @param retryMaxDelay the longest pause between two attempts while the registry is unreachable
 */
@Validated
@ConfigurationProperties("signalbox.routing.catalog")
record CatalogSyncProperties(
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration resyncInterval,
        @DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration retryInitialDelay,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration retryMaxDelay) {
}
