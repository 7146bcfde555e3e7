package io.signalbox.routing.catalog;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.registry.*}: where model-registry-service answers. The internal bearer token is
 * service-kit's {@code signalbox.security.internal-token}, shared by all services.
 *
 * @param url the registry's root URL ({@code SIGNALBOX_REGISTRY_URL})
 * @param connectTimeout how long to wait for a connection before trying again later
 * @param readTimeout how long to wait for the snapshot once connected
 */
@Validated
@ConfigurationProperties("signalbox.registry")
record RegistryProperties(
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI url,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {
}
