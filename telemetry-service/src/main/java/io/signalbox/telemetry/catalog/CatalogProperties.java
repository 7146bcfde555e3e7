package io.signalbox.telemetry.catalog;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.registry.*}: where model-registry-service answers (the same property routing-service uses,
 * {@code SIGNALBOX_REGISTRY_URL}). The refresh interval is {@code signalbox.telemetry.catalog.refresh-interval}.
 */
@Validated
@ConfigurationProperties("signalbox.registry")
record CatalogProperties(
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI url,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {
}
