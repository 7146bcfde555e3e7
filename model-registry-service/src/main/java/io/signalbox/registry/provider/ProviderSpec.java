package io.signalbox.registry.provider;

import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.ProviderResilience;
import org.jspecify.annotations.Nullable;

/**
 * What an admin sets on a provider, apart from its credentials (validated by the web adapter).
 *
 * @param connectTimeoutMs how long the gateway waits for a connection; null: its default
 * @param requestTimeoutMs how long one request may take; null: the gateway's default
 * @param requestsPerMinute the provider's own request limit for the account; null: not known
 * @param tokensPerMinute the provider's own token limit for the account; null: not known
 * @param resilience first-byte and stream-idle timeouts, retries and breaker thresholds; null: the gateway's
 *     defaults
 */
public record ProviderSpec(String name, String kind, @Nullable String baseUrl, @Nullable Integer connectTimeoutMs,
        @Nullable Integer requestTimeoutMs, @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute,
        @Nullable ProviderResilience resilience) {

    /** A provider on the gateway's default first-byte and idle timeouts, retries and breaker thresholds. */
    public ProviderSpec(String name, String kind, @Nullable String baseUrl, @Nullable Integer connectTimeoutMs,
            @Nullable Integer requestTimeoutMs, @Nullable Integer requestsPerMinute,
            @Nullable Integer tokensPerMinute) {
        this(name, kind, baseUrl, connectTimeoutMs, requestTimeoutMs, requestsPerMinute, tokensPerMinute, null);
    }

    ProviderInfo toInfo(String id) {
        return new ProviderInfo(id, name, kind, baseUrl, connectTimeoutMs, requestTimeoutMs, requestsPerMinute,
                tokensPerMinute, resilience);
    }
}
