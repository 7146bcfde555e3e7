package io.signalbox.contracts.decision;

import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.ProviderResilience;
import org.jspecify.annotations.Nullable;

/**
 * The timeouts, retries and breaker thresholds the registry sets for a target (by its provider); every
 * field null means "the gateway's default".
 *
 * @param connectTimeoutMillis TCP connect timeout
 * @param firstByteTimeoutMillis time until the upstream's response headers arrive
 * @param streamIdleTimeoutMillis longest silence between two chunks of a stream
 * @param totalTimeoutMillis longest one call to the target may take, body or stream included
 * @param attemptsPerTarget calls the target gets before the next target is tried (1 = no retry)
 * @param circuitBreaker breaker thresholds
 */
public record TargetResilience(
        @Nullable Integer connectTimeoutMillis,
        @Nullable Integer firstByteTimeoutMillis,
        @Nullable Integer streamIdleTimeoutMillis,
        @Nullable Integer totalTimeoutMillis,
        @Nullable Integer attemptsPerTarget,
        @Nullable BreakerSettings circuitBreaker) {

    /** What a provider's settings mean for its targets; null when the provider sets nothing. */
    public static @Nullable TargetResilience of(ProviderInfo provider) {
        ProviderResilience more = provider.resilience();
        if (provider.connectTimeoutMillis() == null && provider.requestTimeoutMillis() == null && more == null) {
            return null;
        }
        return new TargetResilience(provider.connectTimeoutMillis(),
                more == null ? null : more.firstByteTimeoutMillis(),
                more == null ? null : more.streamIdleTimeoutMillis(), provider.requestTimeoutMillis(),
                more == null ? null : more.attemptsPerTarget(), more == null ? null : more.circuitBreaker());
    }
}
