package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A provider of models. {@code kind} names the API the provider speaks ({@code openai},
 * {@code openai-compatible}, {@code anthropic}, ...); {@code baseUrl} is used for models that are not
 * served from a self-hosted pool. Credentials are never part of the catalog.
 *
 * @param connectTimeoutMillis how long to wait for a connection to the provider; null: the caller's default
 * @param requestTimeoutMillis how long a whole request may take; null: the caller's default
 * @param requestsPerMinute the provider's own request rate limit for this account; null: not known
 * @param tokensPerMinute the provider's own token rate limit for this account; null: not known
 * @param resilience first-byte and stream-idle timeouts, retries and breaker thresholds for the provider's
 *     targets; null: the gateway's defaults
 */
public record ProviderInfo(
        String id,
        String name,
        String kind,
        @Nullable String baseUrl,
        @Nullable Integer connectTimeoutMillis,
        @Nullable Integer requestTimeoutMillis,
        @Nullable Integer requestsPerMinute,
        @Nullable Integer tokensPerMinute,
        @Nullable ProviderResilience resilience) {

    /** A provider without further resilience settings. */
    public ProviderInfo(String id, String name, String kind, @Nullable String baseUrl,
            @Nullable Integer connectTimeoutMillis, @Nullable Integer requestTimeoutMillis,
            @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute) {
        this(id, name, kind, baseUrl, connectTimeoutMillis, requestTimeoutMillis, requestsPerMinute, tokensPerMinute,
                null);
    }

    /** A provider without timeouts and limits (the walking skeleton's shape). */
    public ProviderInfo(String id, String name, String kind, @Nullable String baseUrl) {
        this(id, name, kind, baseUrl, null, null, null, null, null);
    }
}
