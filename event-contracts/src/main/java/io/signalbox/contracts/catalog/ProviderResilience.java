package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * How the gateway treats calls to a provider's targets, beyond the provider's connect and request
 * timeouts (which {@link ProviderInfo} carries itself). Every field null means "the gateway's default".
 *
 * @param firstByteTimeoutMillis how long the upstream may take to start answering (response headers)
 * @param streamIdleTimeoutMillis the longest silence allowed between two chunks of a stream
 * @param attemptsPerTarget calls one target gets before the next target is tried (1 = no retry)
 * @param circuitBreaker the breaker thresholds of this provider's targets
 */
public record ProviderResilience(
        @Nullable Integer firstByteTimeoutMillis,
        @Nullable Integer streamIdleTimeoutMillis,
        @Nullable Integer attemptsPerTarget,
        @Nullable BreakerSettings circuitBreaker) {
}
