package io.signalbox.telemetry.alert;

import org.jspecify.annotations.Nullable;

/**
 * What an alert is about.
 *
 * @param kind {@code endpoint}, {@code model} (a provider-hosted model), {@code provider} or {@code tier}
 * @param id the endpoint, model or provider id, or {@code <cheaper>/<premium>} for the quality alert
 * @param modelId the model an endpoint serves, when known
 * @param providerId the provider of an endpoint or model, when known
 */
public record AlertSubject(String kind, String id, @Nullable String modelId, @Nullable String providerId) {
}
