package io.signalbox.gateway.resilience;

import java.time.Duration;

import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;

/**
 * How one call to a target is made: the registry's settings for the target's provider where it has them, the
 * gateway's defaults where not.
 *
 * @param connectTimeout TCP connect timeout
 * @param firstByteTimeout time until the upstream's response headers arrive
 * @param streamIdleTimeout longest silence between two reads of the body after the headers (two chunks of a
 *     stream)
 * @param totalTimeout longest one call may take, body or stream included; null: no limit
 * @param retry when the same target is called again
 */
public record CallSettings(Duration connectTimeout, Duration firstByteTimeout, Duration streamIdleTimeout,
        @Nullable Duration totalTimeout, RetryPolicy retry) {

    /** The gateway's defaults, for targets whose provider sets nothing. */
    public static CallSettings defaults(GatewayProperties properties) {
        GatewayProperties.Upstream upstream = properties.upstream();
        return new CallSettings(upstream.connectTimeout(), upstream.firstByteTimeout(), upstream.streamIdleTimeout(),
                upstream.totalTimeout(), properties.resilience().retryPolicy());
    }

    /** These settings overridden by what the registry sets for a target; these when it sets nothing. */
    public CallSettings with(@Nullable TargetResilience target) {
        if (target == null) {
            return this;
        }
        RetryPolicy retryPolicy = target.attemptsPerTarget() == null ? retry
                : new RetryPolicy(target.attemptsPerTarget(), retry.initialBackoff(), retry.maxBackoff(),
                        retry.retryAfterCap());
        return new CallSettings(millis(target.connectTimeoutMillis(), connectTimeout),
                millis(target.firstByteTimeoutMillis(), firstByteTimeout),
                millis(target.streamIdleTimeoutMillis(), streamIdleTimeout),
                target.totalTimeoutMillis() == null ? totalTimeout : Duration.ofMillis(target.totalTimeoutMillis()),
                retryPolicy);
    }

    private static Duration millis(@Nullable Integer value, Duration fallback) {
        return value == null ? fallback : Duration.ofMillis(value);
    }
}
