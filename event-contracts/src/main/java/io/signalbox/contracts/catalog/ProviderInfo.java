package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A provider of models. {@code kind} names the API the provider speaks ({@code openai},
 * {@code openai-compatible}, {@code anthropic}, ...); {@code baseUrl} is used for models that are not
 * served from a self-hosted pool.
 */
public record ProviderInfo(String id, String name, String kind, @Nullable String baseUrl) {
}
